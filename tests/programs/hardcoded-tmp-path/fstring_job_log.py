# Shape: an f-string path `f"/tmp/tempsafe_job_{job_id}.log"` built in a function, written,
# read back and removed; the function runs for several job ids. Nothing left behind.
# Expected fix: an unpredictable file per call that keeps the name's parts as prefix/suffix
# (e.g. `mkstemp(prefix=f"tempsafe_job_{job_id}_", suffix=".log")` + `os.close(fd)`), with the
# existing removal kept and cleanup in a `finally`.
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


def run_job(job_id, steps):
    log_path = f"/tmp/tempsafe_job_{job_id}.log"
    with open(log_path, "w") as log:
        for step in range(steps):
            log.write(f"job {job_id} step {step}\n")
    with open(log_path) as log:
        lines = log.read().splitlines()
    os.remove(log_path)
    return len(lines), lines[-1]


if __name__ == "__main__":
    for job_id, steps in [(7, 3), (12, 1), (40, 5)]:
        remove_stale(f"tempsafe_job_{job_id}.log")
        print(job_id, run_job(job_id, steps))
