import os
import shutil


# expect: TMP002 safe, TMP002 safe, TMP002 safe, TMP002 safe
def write_script():
    os.makedirs("/tmp/scripts", exist_ok=True)
    script = """#!/bin/sh
echo "hello"
    indented
"""
    with open("/tmp/scripts/run.sh", "w") as f:  # the script
        f.write(script)
    size = os.path.getsize("/tmp/scripts/run.sh")
    shutil.rmtree("/tmp/scripts")
    return size
