import os
import shutil


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
