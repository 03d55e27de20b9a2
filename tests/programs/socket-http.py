# http.server in a thread and urllib as its client, in one guest, over loopback (::1, or
# 127.0.0.1 when that is the loopback there is). Prints only what native and osgix share.
import http.server
import socket
import threading
import urllib.request


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("path=" + self.path).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server6(http.server.HTTPServer):
    address_family = socket.AF_INET6


server = Server6(("::1", 0), Handler)
port = server.server_address[1]
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
for path in ("/hello", "/second?x=1"):
    with urllib.request.urlopen("http://[::1]:%d%s" % (port, path), timeout=20) as reply:
        print(reply.status, reply.headers["Content-Type"], reply.read().decode())
server.shutdown()
server.server_close()
print("done")
