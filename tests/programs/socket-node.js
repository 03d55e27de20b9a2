// net.createServer and a client in one node process, over ::1.
const net = require('net');
const server = net.createServer((c) => {
  c.on('data', (d) => c.write(d.toString().toUpperCase()));
  c.on('end', () => c.end());
});
server.listen(0, '::1', () => {
  const port = server.address().port;
  const client = net.connect(port, '::1', () => client.write('hello from node'));
  let got = '';
  client.on('data', (d) => {
    got += d;
    if (got.length >= 15) client.end();
  });
  client.on('close', () => {
    console.log('echo: ' + got);
    server.close(() => console.log('closed'));
  });
});
