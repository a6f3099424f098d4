"""Writes a report to /tmp/report.txt unless told otherwise."""
import logging
import os

log = logging.getLogger(__name__)

# expect: TMP002 no-fix
# Module-level constants and defaults: reported without a fix. The bare
# directory itself names nothing that could be taken first: not a finding
# until the program makes a fixed name under it.
DEFAULT_TEMP_DIR = "/tmp"
UPLOAD_DIR = "/var/tmp/uploads"


# expect: TMP002 no-fix
def deploy(host, path="/tmp/deploy.tar"):
    """Copy to /tmp/deploy.tar on the remote host."""
    log.info("uploading to /tmp/deploy.tar")
    print("see /tmp/deploy.tar")
    host.put(path)


# ok
def lookalikes(name):
    if name.startswith("/tmp/"):
        print("a temporary path")
    assert name != "/tmp/other"
    return os.path.exists("/tmpfoo/bar")


# expect: TMP002 no-fix
def remote_only(host):
    # Handed to code tempsafe cannot see: reported, no fix.
    host.run("ls", cwd="/tmp/remote_dir")


# ok
def only_in_a_message(self):
    # Twisted's repr test: the path is a name in a string, never a file.
    fname = "/tmp/fake.xml"
    self.assertEqual(f"<XMLFile of {fname!r}>", "<XMLFile of '/tmp/fake.xml'>")


# ok
def bare_directory_as_cwd(cmd):
    import subprocess

    subprocess.run(cmd, cwd="/tmp")


# expect: TMP002 no-fix
def bare_directory_beside_a_file_name(logfile):
    return logfile.LogFile("test.log", "/tmp")


# tempfile's `prefix`/`suffix` frame a random name: `dir="/tmp"` stays a
# bare directory (macOS needs it spelled out for Docker's bind mounts).
# ok
def mkdtemp_with_a_prefix_in_tmp(task_id):
    import tempfile

    return tempfile.mkdtemp(suffix=task_id, prefix="docker-tmp-", dir="/tmp")


# ok
def symlink_target_only(repo_path):
    # Only the link is made; its target is text in the link.
    link = os.path.join(repo_path, "link_to_tmp")
    os.symlink("/tmp/outside", link)
    return link
