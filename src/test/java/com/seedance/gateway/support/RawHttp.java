package com.seedance.gateway.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.seedance.gateway.support.GatewayClient.Reply;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send: the request line and headers are
 * written byte for byte as given (each {@code char} of the text is one byte, ISO-8859-1), nothing is
 * encoded or checked. The answer is read to the end of the connection ({@code Connection: close}).
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/** {@code method target HTTP/1.1} with {@code Host}, {@code Connection: close} and the given header lines. */
	public Reply send(String method, String target, String... headerLines) {
		return sendWithBody(method + " " + target + " HTTP/1.1", "", headerLines);
	}

	/**
	 * The request line as given (method, target and version), then {@code Host}, {@code Connection: close}, the given
	 * header lines and, if the body is not empty, its {@code Content-Length} and the body (UTF-8).
	 */
	public Reply sendWithBody(String requestLine, String body, String... headerLines) {
		StringBuilder head = new StringBuilder();
		head.append(requestLine).append("\r\n");
		head.append("Host: localhost:").append(port).append("\r\n");
		head.append("Connection: close\r\n");
		for (String line : headerLines) {
			head.append(line).append("\r\n");
		}
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		if (content.length > 0) {
			head.append("Content-Length: ").append(content.length).append("\r\n");
		}
		head.append("\r\n");
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		request.writeBytes(content);
		return exchange(request.toByteArray());
	}

	private Reply exchange(byte[] request) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Reply parse(byte[] raw) throws IOException {
		InputStream in = new ByteArrayInputStream(raw);
		String statusLine = line(in);
		if (statusLine.isEmpty()) {
			throw new IOException("The server closed the connection without an answer");
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
				.add(line.substring(colon + 1).trim());
		}
		byte[] body = "chunked".equalsIgnoreCase(first(headers, "transfer-encoding")) ? dechunk(in) : in.readAllBytes();
		return new Reply(status, HttpHeaders.of(headers, (name, value) -> true),
				new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0; size = Integer
			.parseInt(line(in).split(";")[0].trim(), 16)) {
			body.writeBytes(in.readNBytes(size));
			line(in);
		}
		return body.toByteArray();
	}

	private static String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return values == null ? "" : values.get(0);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

}
