# A script whose class is named like a test but that imports no test
# framework: its module-level directory may be its output (a benchmark
# printing where its results are), so removing it at exit is unsafe. So is
# one made in a directory the program chose.
import os
import tempfile

# expect: TMP003 unsafe(may-be-output)
OUT = tempfile.mkdtemp(prefix="bench-")


# ok
class LoadTest:
    def run(self):
        with open(os.path.join(OUT, "results.txt"), "w") as f:
            f.write("ok")
        print("results written to", OUT)


if __name__ == "__main__":
    LoadTest().run()
