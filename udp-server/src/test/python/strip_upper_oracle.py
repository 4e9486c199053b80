"""For each input line of hex, prints the hex of bytes.fromhex(line).strip().upper()."""
import sys

for line in sys.stdin:
    print(bytes.fromhex(line.strip()).strip().upper().hex())
