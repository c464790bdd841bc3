/*
 * Copyright 2026 the wsclose authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.wsclose.conformance;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A SockJS client of the HTTP transports on a raw socket, so that a case can end the
 * connection the way a vanished client does: it sends the transport's first request,
 * reads up to SockJS's open frame, and then closes the socket (FIN) or resets it (RST),
 * or simply never sends another request.
 */
final class SockJsHttpClient implements Closeable {

	private static final String HOST = "127.0.0.1";

	private final Socket socket;

	private final InputStream in;

	private final ByteArrayOutputStream read = new ByteArrayOutputStream();

	private SockJsHttpClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
	}

	/**
	 * Open a SockJS session on an HTTP transport and read up to its open frame.
	 * @param port the server's port
	 * @param endpoint the SockJS endpoint, such as {@code /sockjs}
	 * @param transport the transport: {@code xhr_streaming}, {@code xhr},
	 * {@code eventsource} or {@code htmlfile}
	 * @param caseId the case, sent as {@code ?case=<id>}
	 * @return the client, with the session open
	 * @throws IOException if the connection fails or the open frame does not come
	 */
	static SockJsHttpClient open(int port, String endpoint, String transport, String caseId) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress(HOST, port), 5000);
		socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
		SockJsHttpClient client = new SockJsHttpClient(socket);
		String method = (transport.startsWith("xhr")) ? "POST" : "GET";
		String query = "case=" + caseId + (transport.equals("htmlfile") ? "&c=callback" : "");
		String path = endpoint + "/000/" + UUID.randomUUID().toString().replace("-", "") + "/" + transport + "?"
				+ query;
		String request = method + " " + path + " HTTP/1.1\r\nHost: " + HOST + ":" + port
				+ "\r\nContent-Length: 0\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		try {
			client.readUntilOpenFrame(transport);
		}
		catch (IOException ex) {
			// end the connection, so that the server ends the session it opened
			socket.close();
			throw ex;
		}
		return client;
	}

	private void readUntilOpenFrame(String transport) throws IOException {
		String openFrame = switch (transport) {
			case "eventsource" -> "data: o\r\n";
			case "htmlfile" -> "p(\"o\");";
			default -> "\no\n";
		};
		readUntil(openFrame, "SockJS open frame");
	}

	/**
	 * Read the rest of a chunked response, up to its last chunk: a poll the server has
	 * answered and completed, so that closing the connection afterwards cannot race with
	 * the server still writing the poll's response.
	 * @throws IOException if the connection fails or the response does not end
	 */
	void readToEndOfResponse() throws IOException {
		readUntil("\r\n0\r\n\r\n", "end of the chunked response");
	}

	private void readUntil(String expected, String what) throws IOException {
		byte[] buffer = new byte[4096];
		while (!this.read.toString(StandardCharsets.US_ASCII).contains(expected)) {
			int count;
			try {
				count = this.in.read(buffer);
			}
			catch (SocketTimeoutException ex) {
				throw new IOException("No " + what + " within the read timeout; the server sent: " + this.read, ex);
			}
			if (count < 0) {
				throw new IOException("No " + what + " before the end of the response: " + this.read);
			}
			this.read.write(buffer, 0, count);
		}
	}

	/**
	 * End the connection with a FIN, without ending the SockJS session.
	 * @throws IOException if closing fails
	 */
	void drop() throws IOException {
		this.socket.close();
	}

	/**
	 * End the connection with a RST, without ending the SockJS session.
	 * @throws IOException if closing fails
	 */
	void reset() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
