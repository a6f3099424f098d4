# Shape: the same literal "/tmp/tempsafe_counts.txt" written out three times in one function:
# opened for writing, opened for reading, removed. Nothing left behind.
# Expected fix: one unpredictable path (`mkstemp(prefix="tempsafe_counts_", suffix=".txt")`)
# bound once to a variable and used at all three places -- three separate temp files would
# break the read-back -- plus cleanup in a `finally`.
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


def count_words(text):
    with open("/tmp/tempsafe_counts.txt", "w") as f:
        for word in sorted(set(text.split())):
            f.write("%s %d\n" % (word, text.split().count(word)))
    with open("/tmp/tempsafe_counts.txt") as f:
        rows = f.read().splitlines()
    os.remove("/tmp/tempsafe_counts.txt")
    return rows


if __name__ == "__main__":
    remove_stale("tempsafe_counts.txt")
    for row in count_words("the cat and the hat and the bat"):
        print(row)
