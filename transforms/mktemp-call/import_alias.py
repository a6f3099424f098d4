import tempfile as tf


def f():
    name = tf.mktemp(suffix=".txt")
    with open(name, "w") as fh:
        fh.write("x")
