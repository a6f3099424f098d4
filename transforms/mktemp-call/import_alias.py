import tempfile as tf


# expect: TMP001 safe
def f():
    name = tf.mktemp(suffix=".txt")
    with open(name, "w") as fh:
        fh.write("x")
