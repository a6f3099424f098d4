# Shape: one function uses "/tmp/tempsafe_root" as a directory and the child literal
# "/tmp/tempsafe_root/sub.txt" as a file inside it (each literal more than once). Nothing left
# behind.
# Expected fix: the directory becomes one `mkdtemp(prefix="tempsafe_root_")` bound once, and
# the child literal becomes `os.path.join(<that dir>, "sub.txt")` -- a separate temp file for
# the child would break the listing and read-back -- plus a `finally` rmtree.
import os
import shutil


def remove_stale(name):
    # Undo an earlier, interrupted run so that runs repeat; spelled without a "/tmp" literal so
    # that the fix leaves this helper alone.
    stale = os.path.join(os.sep, "tmp", name)
    if os.path.isdir(stale):
        shutil.rmtree(stale)
    elif os.path.exists(stale):
        os.remove(stale)


def nested():
    os.makedirs("/tmp/tempsafe_root", exist_ok=True)
    with open("/tmp/tempsafe_root/sub.txt", "w") as f:
        f.write("inside the root\n")
    print("listing:", sorted(os.listdir("/tmp/tempsafe_root")))
    with open("/tmp/tempsafe_root/sub.txt") as f:
        print("content:", f.read().strip())
    print("is file:", os.path.isfile("/tmp/tempsafe_root/sub.txt"))
    shutil.rmtree("/tmp/tempsafe_root")
    print("removed:", not os.path.exists("/tmp/tempsafe_root"))


if __name__ == "__main__":
    remove_stale("tempsafe_root")
    nested()
