package clinic.bfrguard.e2e.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay between the browser and one service, on a port of its own on the loopback address. {@link #cut()}
 * drops every connection open through it at once, as a network blip would, while new connections still go through:
 * what a page does after a blip can be watched without touching the page. {@link #hold()} makes the network go
 * silent instead, as one that drops packets would: no byte is forwarded either way, yet nothing is closed or reset
 * and new connections are accepted and then hear nothing, until {@link #forward()} lets the held bytes through.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-relay");
        thread.setDaemon(true);
        return thread;
    });
    private boolean holding;

    /** A relay to the host and port of {@code url}. */
    static TcpRelay to(String url) throws IOException {
        URI target = URI.create(url);
        return new TcpRelay(target.getHost(), target.getPort());
    }

    private TcpRelay(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pumps.execute(this::accept);
    }

    /** The relay's address, to give the page instead of the service's. */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Drops every connection open through the relay. */
    void cut() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /** Stops forwarding bytes, keeping every connection open. */
    synchronized void hold() {
        holding = true;
    }

    /** Forwards again, what was held first. */
    synchronized void forward() {
        holding = false;
        notifyAll();
    }

    private synchronized void awaitForwarding() throws InterruptedException {
        while (holding) {
            wait();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        forward();
        cut();
        pumps.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pumps.execute(() -> pump(client, upstream));
                pumps.execute(() -> pump(upstream, client));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Copies bytes as they come, except while held; when either side ends, both do. */
    private void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                awaitForwarding();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the connection was cut or closed, or the relay: nothing more to copy
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
