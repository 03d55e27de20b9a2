# asyncio streams over socket.socketpair(): the event loop's self-pipe is a socketpair too, so
# this exercises non-blocking AF_UNIX sockets under epoll.
import asyncio
import socket


async def main():
    a, b = socket.socketpair()
    reader_a, writer_a = await asyncio.open_connection(sock=a)
    reader_b, writer_b = await asyncio.open_connection(sock=b)
    for word in ("alpha", "beta", "gamma"):
        writer_a.write(word.encode() + b"\n")
        await writer_a.drain()
        line = await reader_b.readline()
        writer_b.write(line.upper())
        await writer_b.drain()
        print((await reader_a.readline()).decode().strip())
    writer_a.close()
    await writer_a.wait_closed()
    print("eof seen:", await reader_b.read() == b"")
    writer_b.close()


asyncio.run(main())
