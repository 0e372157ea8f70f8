import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Holds many GET /jobs/{id}/events streams open from one thread (NIO, no thread or HttpClient per stream), so the
 * client costs little and the server's limits show. Opens them in waves (at most WAVE waiting for their first
 * event at a time), then holds them and counts, every few seconds, how many are streaming, have been closed by
 * the server, or failed; heartbeats received prove the streams are alive.
 *
 * Usage: java SseStreams.java <port> <team key> <file of job ids> <first line> <count> <hold seconds>
 * Prints "opened N" once every stream got its first status event (or failed), then "held ..." at the end.
 */
public class SseStreams {

	static final int WAVE = 200;

	/** A stream without its first event this long after it was opened counts as failed. */
	static final long FIRST_EVENT_WITHIN = 30_000;

	static int refused;

	static final class Stream {

		final SocketChannel channel;

		final StringBuilder head = new StringBuilder();

		boolean ok;

		boolean firstEvent;

		boolean closed;

		boolean failed;

		String tail = "";

		final long deadline = System.currentTimeMillis() + FIRST_EVENT_WITHIN;

		Stream(SocketChannel channel) {
			this.channel = channel;
		}

	}

	static int waiting;

	static int streaming;

	static int closedByServer;

	static int failed;

	static long heartbeats;

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String key = args[1];
		List<String> ids = Files.readAllLines(Path.of(args[2]));
		int first = Integer.parseInt(args[3]);
		int count = Integer.parseInt(args[4]);
		long holdMillis = Long.parseLong(args[5]) * 1000;
		Selector selector = Selector.open();
		ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
		int next = first;
		int end = Math.min(ids.size(), first + count);
		long started = System.currentTimeMillis();
		long lastReport = started;
		boolean announced = false;
		long holdUntil = Long.MAX_VALUE;
		long heartbeatsAtOpen = 0;
		while (System.currentTimeMillis() < holdUntil) {
			while (next < end && waiting < WAVE) {
				SocketChannel channel = SocketChannel.open();
				channel.configureBlocking(false);
				channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
				channel.connect(new InetSocketAddress("127.0.0.1", port));
				Stream stream = new Stream(channel);
				channel.register(selector, SelectionKey.OP_CONNECT, new Object[] { stream,
						("GET /jobs/" + ids.get(next).trim() + "/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
								+ key + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII) });
				waiting++;
				next++;
			}
			selector.select(500);
			for (SelectionKey selected : selector.selectedKeys()) {
				Object[] attachment = (Object[]) selected.attachment();
				Stream stream = (Stream) attachment[0];
				try {
					if (selected.isConnectable()) {
						stream.channel.finishConnect();
						stream.channel.write(ByteBuffer.wrap((byte[]) attachment[1]));
						selected.interestOps(SelectionKey.OP_READ);
					}
					else if (selected.isReadable()) {
						buffer.clear();
						int read = stream.channel.read(buffer);
						if (read < 0) {
							close(stream, selected, false);
							continue;
						}
						String text = new String(buffer.array(), 0, read, StandardCharsets.UTF_8);
						received(stream, text);
						if (stream.failed) {
							close(stream, selected, true);
						}
					}
				}
				catch (IOException ex) {
					close(stream, selected, true);
				}
			}
			selector.selectedKeys().clear();
			long now = System.currentTimeMillis();
			if (!announced && next >= end && waiting == 0) {
				announced = true;
				heartbeatsAtOpen = heartbeats;
				System.out.printf("opened %d streams in %d ms: %d streaming, %d failed (%d refused with an HTTP error), %d closed by the server%n",
						end - first, now - started, streaming, failed, refused, closedByServer);
				holdUntil = now + holdMillis;
			}
			if (now - lastReport > 5000) {
				lastReport = now;
				for (SelectionKey open : selector.keys()) {
					Stream stream = (Stream) ((Object[]) open.attachment())[0];
					if (!stream.firstEvent && !stream.closed && now > stream.deadline) {
						close(stream, open, true);
					}
				}
				System.err.printf("  %d s: %d streaming, %d waiting, %d failed, %d closed, %d heartbeats%n",
						(now - started) / 1000, streaming, waiting, failed, closedByServer, heartbeats);
			}
		}
		System.out.printf("held %d s: %d streams still open, %d failed, %d closed by the server; %d heartbeats during the hold%n",
				holdMillis / 1000, streaming, failed, closedByServer, heartbeats - heartbeatsAtOpen);
	}

	static void received(Stream stream, String text) {
		if (!stream.ok) {
			stream.head.append(text);
			int endOfHead = stream.head.indexOf("\r\n\r\n");
			if (endOfHead < 0) {
				return;
			}
			if (stream.head.indexOf("HTTP/1.1 200") != 0) {
				stream.failed = true;
				if (refused++ == 0) {
					System.err.println("refused: " + stream.head.substring(0, Math.min(300, stream.head.length())));
				}
				return;
			}
			stream.ok = true;
			text = stream.head.substring(endOfHead + 4);
			stream.head.setLength(0);
		}
		String seen = stream.tail + text;
		if (!stream.firstEvent && seen.contains("event:status")) {
			stream.firstEvent = true;
			waiting--;
			streaming++;
		}
		int at = 0;
		while ((at = seen.indexOf(":heartbeat", at)) >= 0) {
			heartbeats++;
			at += 10;
		}
		stream.tail = seen.length() > 16 ? seen.substring(seen.length() - 16) : seen;
		if (stream.tail.contains(":heartbeat")) {
			stream.tail = "";
		}
	}

	static void close(Stream stream, SelectionKey key, boolean failure) {
		key.cancel();
		try {
			stream.channel.close();
		}
		catch (IOException ignored) {
		}
		if (stream.closed) {
			return;
		}
		stream.closed = true;
		if (stream.firstEvent) {
			streaming--;
		}
		else {
			waiting--;
		}
		if (failure || !stream.firstEvent) {
			failed++;
		}
		else {
			closedByServer++;
		}
	}

}
