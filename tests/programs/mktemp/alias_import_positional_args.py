# Shape: `import tempfile as tf`; positional args `tf.mktemp(".log", "app_")` (suffix, prefix),
# written with `with open(...)`.
# Correct fix: `fd, path = tf.mkstemp(".log", "app_"); os.close(fd)` -- mkstemp takes the same
# positional order (suffix, prefix, dir), so the prefix/suffix checks still print True.
import os
import tempfile as tf

path = tf.mktemp(".log", "app_")

with open(path, "w") as log:
    for i in range(3):
        log.write(f"INFO step {i} done\n")
    log.write("WARN finished with 0 errors\n")

base = os.path.basename(path)
print("startswith app_:", base.startswith("app_"))
print("endswith .log:", base.endswith(".log"))

with open(path) as log:
    levels = [line.split()[0] for line in log]
print("levels:", levels)

os.remove(path)
print("removed:", not os.path.exists(path))
