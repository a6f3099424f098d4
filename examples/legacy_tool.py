"""A small legacy tool with the temp-file habits tempsafe fixes."""
import os
import socket
import tempfile


def export_report(rows):
    path = tempfile.mktemp(suffix=".csv")
    with open(path, "w") as f:
        for row in rows:
            f.write(",".join(row) + "\n")
    return os.path.getsize(path)


def build_workspace():
    workdir = tempfile.mktemp(prefix="build_")
    os.mkdir(workdir)
    return workdir


def serve_once():
    address = tempfile.mktemp(suffix=".sock")
    server = socket.socket(socket.AF_UNIX)
    server.bind(address)
    server.close()
    os.unlink(address)


def scratch_log(message):
    with open(tempfile.mktemp(".log"), "w") as log:
        log.write(message)
        return log.name


def legacy_name():
    # Returned before anything creates it: only an unsafe fix exists.
    return tempfile.mktemp()
