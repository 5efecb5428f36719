import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load on {@code POST /detect} from a second process, in the manner of wrk2: requests
 * are issued on a fixed schedule whatever the answers do, and each latency is measured from the
 * request's <em>scheduled</em> time, so a stalled server shows in the tail instead of slowing the
 * generator down (no coordinated omission).
 *
 * <p>One thread drives a fixed pool of persistent HTTP/1.1 connections with non-blocking I/O: a
 * due request goes out on an idle connection, or waits in a queue (its clock already running)
 * until one is free. The generator itself must not be what is measured: the earlier version on
 * the JDK {@code HttpClient} took ~90% of a core at 1,000 requests/s on this two-core machine,
 * as much as the service; this one takes a few percent.
 *
 * <p>Usage: {@code java bench/detect/DetectLoad.java URL RATE SECONDS [WARMUP_SECONDS
 * [CONNECTIONS]]} (defaults: 10 s warm-up, 64 connections). A request that has no answer after
 * 30 s counts as an error; so does a connection failure.
 */
public final class DetectLoad {
  // Event ids unique to this run: a second run against the same stored graph must not measure
  // the repeated-id path.
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36) + "-";
  private static final long TIMEOUT_NANOS = 30_000_000_000L;

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args[0].equals("--help")) {
      System.err.println(
          "usage: java DetectLoad.java URL RATE SECONDS [WARMUP_SECONDS [CONNECTIONS]]\n"
              + "  open-loop POST load (wrk2-style): RATE requests/s for SECONDS after a warm-up;\n"
              + "  prints achieved rate, errors and latency percentiles from each scheduled send");
      System.exit(args.length > 0 && args[0].equals("--help") ? 0 : 2);
    }
    URI uri = URI.create(args[0]);
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int connections = args.length > 4 ? Integer.parseInt(args[4]) : 64;
    if (rate <= 0 || seconds <= 0 || warmup < 0 || connections <= 0) {
      System.err.println("RATE, SECONDS and CONNECTIONS must be positive, WARMUP_SECONDS >= 0");
      System.exit(2);
    }
    if (warmup > 0) {
      new Phase(uri, rate, warmup, connections, "warm-up").run().print(false);
    }
    new Phase(uri, rate, seconds, connections, "measured").run().print(true);
  }

  /** One open-loop run: its own connections, schedule and latencies. */
  private static final class Phase {
    private final URI uri;
    private final InetSocketAddress address;
    private final int rate;
    private final int total;
    private final int connections;
    private final String phase;
    private final long[] latencies;
    private final long intervalNanos;
    private long start;
    private long end;
    private int completed;
    private long errors;
    private long non200;
    private int replaced;

    Phase(URI uri, int rate, int seconds, int connections, String phase) {
      this.uri = uri;
      this.address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
      this.rate = rate;
      this.total = Math.multiplyExact(rate, seconds);
      this.connections = connections;
      this.phase = phase;
      this.latencies = new long[total];
      this.intervalNanos = 1_000_000_000L / rate;
    }

    Phase run() throws IOException {
      try (Selector selector = Selector.open()) {
        ArrayDeque<Conn> idle = new ArrayDeque<>();
        for (int i = 0; i < connections; i++) {
          idle.add(new Conn(selector));
        }
        ArrayDeque<Integer> waiting = new ArrayDeque<>();
        int next = 0;
        start = System.nanoTime() + 50_000_000L;
        while (completed < total) {
          long now = System.nanoTime();
          while (next < total && scheduled(next) <= now) {
            waiting.add(next++);
          }
          while (!waiting.isEmpty() && !idle.isEmpty()) {
            Conn conn = idle.poll();
            if (conn.open()) {
              conn.send(waiting.poll());
            }
          }
          if (next >= total && waiting.isEmpty()) {
            expire(selector, now);
          }
          long wait = next < total ? scheduled(next) - System.nanoTime() : 10_000_000L;
          int ready;
          if (wait > 1_500_000L) {
            ready = selector.select((wait - 500_000L) / 1_000_000L);
          } else {
            if (wait > 0) {
              LockSupport.parkNanos(Math.min(wait, 200_000L));
            }
            ready = selector.selectNow();
          }
          if (ready > 0) {
            for (SelectionKey key : selector.selectedKeys()) {
              Conn conn = (Conn) key.attachment();
              if (conn.read()) {
                idle.add(conn);
              }
            }
            selector.selectedKeys().clear();
          }
          // Connections that failed are replaced; their request already counted as an error.
          while (replaced > 0) {
            replaced--;
            idle.add(new Conn(selector));
          }
        }
        end = System.nanoTime();
      }
      return this;
    }

    private long scheduled(int n) {
      return start + n * intervalNanos;
    }

    /** After the last send: requests unanswered for 30 s count as errors. */
    private void expire(Selector selector, long now) {
      for (SelectionKey key : selector.keys()) {
        Conn conn = (Conn) key.attachment();
        if (conn.request >= 0 && now - scheduled(conn.request) > TIMEOUT_NANOS) {
          conn.fail();
        }
      }
    }

    private void done(int n, boolean ok, int status) {
      latencies[n] = System.nanoTime() - scheduled(n);
      if (!ok) {
        errors++;
      } else if (status != 200) {
        non200++;
      }
      completed++;
    }

    private byte[] request(int n) {
      String body =
          "{\"event_id\":\"load-"
              + RUN
              + phase
              + rate
              + "-"
              + n
              + "\",\"transaction_amount\":"
              + (5 + n % 400)
              + "."
              + (n % 100 < 10 ? "0" : "")
              + (n % 100)
              + ",\"ip_address\":\"10."
              + (n % 7)
              + "."
              + (n / 7) % 250
              + "."
              + n % 250
              + "\",\"account_id\":\"load-acc-"
              + n % 5000
              + "\"}";
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST "
              + uri.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + address.getPort()
              + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
              + b.length
              + "\r\n\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      byte[] all = Arrays.copyOf(h, h.length + b.length);
      System.arraycopy(b, 0, all, h.length, b.length);
      return all;
    }

    void print(boolean report) {
      double elapsed = (end - start) / 1e9;
      if (!report) {
        System.out.printf(
            Locale.ROOT, "%s: %d requests in %.1f s, errors %d%n", phase, total, elapsed, errors);
        return;
      }
      Arrays.sort(latencies);
      System.out.printf(
          Locale.ROOT,
          "%s: %d requests at %d/s offered, %.0f/s achieved, errors %d, non-200 %d"
              + " (%d connections)%n"
              + "latency from scheduled send (ms): p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f"
              + "  max %.2f%n",
          phase,
          total,
          rate,
          total / elapsed,
          errors,
          non200,
          connections,
          pct(0.50),
          pct(0.90),
          pct(0.99),
          pct(0.999),
          latencies[latencies.length - 1] / 1e6);
    }

    private double pct(double p) {
      return latencies[Math.min(latencies.length - 1, (int) Math.ceil(p * latencies.length) - 1)]
          / 1e6;
    }

    /** One keep-alive connection with at most one request in flight (no pipelining). */
    private final class Conn {
      private final SocketChannel channel;
      private final SelectionKey key;
      private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
      private ByteBuffer out;
      int request = -1;

      Conn(Selector selector) throws IOException {
        channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        key = channel.register(selector, SelectionKey.OP_READ, this);
      }

      boolean open() {
        return channel.isOpen();
      }

      void send(int n) {
        request = n;
        out = ByteBuffer.wrap(request(n));
        try {
          channel.write(out);
          key.interestOps(
              out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        } catch (IOException e) {
          fail();
        }
      }

      /** Handles readiness; true when the connection has become idle again. */
      boolean read() {
        if (!key.isValid()) {
          return false;
        }
        try {
          if (key.isWritable() && out != null && out.hasRemaining()) {
            channel.write(out);
            if (!out.hasRemaining()) {
              key.interestOps(SelectionKey.OP_READ);
            }
          }
          if (!key.isReadable()) {
            return false;
          }
          int r = channel.read(in);
          if (r < 0) {
            fail();
            return false;
          }
          int status = complete();
          if (status > 0 && request >= 0) {
            int n = request;
            request = -1;
            done(n, true, status);
            return true;
          }
          return false;
        } catch (IOException e) {
          fail();
          return false;
        }
      }

      /**
       * The status code once a whole response (Content-Length or chunked) is in the buffer, which
       * is then cleared; 0 while incomplete.
       */
      private int complete() {
        byte[] a = in.array();
        int len = in.position();
        int headerEnd = indexOf(a, 0, len, "\r\n\r\n");
        if (headerEnd < 0) {
          return 0;
        }
        String head = new String(a, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(Locale.ROOT);
        int bodyStart = headerEnd + 4;
        int cl = lower.indexOf("\r\ncontent-length:");
        int end;
        if (cl >= 0) {
          int eol = lower.indexOf("\r\n", cl + 2);
          int length =
              Integer.parseInt(lower.substring(cl + 17, eol < 0 ? lower.length() : eol).trim());
          end = bodyStart + length;
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
          int last = indexOf(a, bodyStart, len, "\r\n0\r\n\r\n");
          if (last < 0 && !(len - bodyStart >= 5 && startsWith(a, bodyStart, "0\r\n\r\n"))) {
            return 0;
          }
          end = last < 0 ? bodyStart + 5 : last + 7;
        } else {
          end = bodyStart;
        }
        if (len < end) {
          return 0;
        }
        // Anything after the response would be a protocol error without pipelining: drop it.
        in.clear();
        return status;
      }

      void fail() {
        if (!channel.isOpen()) {
          return;
        }
        if (request >= 0) {
          int n = request;
          request = -1;
          done(n, false, 0);
        }
        key.cancel();
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing a failed connection
        }
        replaced++;
      }
    }
  }

  private static int indexOf(byte[] a, int from, int to, String s) {
    outer:
    for (int i = from; i <= to - s.length(); i++) {
      for (int j = 0; j < s.length(); j++) {
        if (a[i + j] != s.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] a, int at, String s) {
    for (int j = 0; j < s.length(); j++) {
      if (a[at + j] != s.charAt(j)) {
        return false;
      }
    }
    return true;
  }
}
