# Shape: `path = tempfile.mktemp(suffix=".sock")` used as an AF_UNIX socket address: server binds
# and listens, a thread accepts, the client connects and exchanges one message, then os.unlink(path).
# Correct fix: bind() needs a path that does NOT exist yet, so mkstemp is wrong (EADDRINUSE).
# Use a name inside a fresh private directory, e.g. `d = tempfile.mkdtemp();
# path = os.path.join(d, "<name>.sock")`, and remove that directory too after the unlink.
import os
import socket
import stat
import tempfile
import threading

path = tempfile.mktemp(suffix=".sock")

server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
server.listen(1)
print("is socket:", stat.S_ISSOCK(os.stat(path).st_mode))
print("suffix ok:", os.path.basename(path).endswith(".sock"))

def serve():
    conn, _ = server.accept()
    with conn:
        data = conn.recv(1024)
        conn.sendall(data.upper())

t = threading.Thread(target=serve)
t.start()

client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
client.settimeout(5)
client.connect(path)
client.sendall(b"hello over unix socket")
reply = client.recv(1024)
client.close()
t.join()
server.close()

print("reply:", reply.decode())

os.unlink(path)
print("removed:", not os.path.exists(path))
