# Shape: `from tempfile import mktemp`, `p = mktemp()` used as an sqlite3 database path, then removed.
# Correct fix: `from tempfile import mkstemp`; `fd, p = mkstemp(); os.close(fd)` -- sqlite3 accepts an
# existing zero-byte file as an empty database, so the output is unchanged.
import os
import sqlite3
from tempfile import mktemp

p = mktemp()

con = sqlite3.connect(p)
try:
    con.execute("CREATE TABLE fruit (name TEXT PRIMARY KEY, qty INTEGER)")
    con.executemany(
        "INSERT INTO fruit VALUES (?, ?)",
        [("apple", 3), ("banana", 7), ("cherry", 11)],
    )
    con.commit()
    rows = con.execute("SELECT name, qty FROM fruit ORDER BY qty DESC").fetchall()
    total = con.execute("SELECT SUM(qty) FROM fruit").fetchone()[0]
finally:
    con.close()

print("rows:", rows)
print("total:", total)
print("db file non-empty:", os.path.getsize(p) > 0)

os.remove(p)
print("removed:", not os.path.exists(p))
