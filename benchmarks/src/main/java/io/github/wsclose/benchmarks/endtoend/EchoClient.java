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

package io.github.wsclose.benchmarks.endtoend;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A WebSocket client connection on a plain blocking socket to {@code 127.0.0.1}: the
 * opening handshake, one text message and its echo, and the closing handshake with
 * {@code 1000}. It is the lightest real client there is, so the server's cost dominates
 * what the harness measures. Every read times out.
 */
final class EchoClient implements Closeable {

	static final String MESSAGE = "hello";

	private static final int TEXT = 0x1;

	private static final int CLOSE = 0x8;

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private static final int READ_TIMEOUT_MILLIS = 10_000;

	private static final byte[] MASK = { 0x12, 0x34, 0x56, 0x78 };

	private static final byte[] TEXT_FRAME = frame(TEXT, MESSAGE.getBytes(StandardCharsets.UTF_8));

	private static final byte[] CLOSE_FRAME = frame(CLOSE, new byte[] { 0x03, (byte) 0xE8 });

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private EchoClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 512));
		this.out = socket.getOutputStream();
	}

	/**
	 * Connect and complete the opening handshake on {@code /echo}.
	 * @param port the server's port
	 * @return the open connection
	 * @throws IOException if the connection or the handshake fails
	 */
	static EchoClient open(int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MILLIS);
			EchoClient client = new EchoClient(socket);
			client.out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			client.out.flush();
			String status = client.readResponseHead();
			if (!status.startsWith("HTTP/1.1 101")) {
				throw new IOException("Handshake refused: " + status);
			}
			return client;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Send {@value #MESSAGE} and read its echo.
	 * @throws IOException if the echo does not come back
	 */
	void exchange() throws IOException {
		this.out.write(TEXT_FRAME);
		this.out.flush();
		int opcode = this.in.readUnsignedByte() & 0x0F;
		byte[] payload = readPayload();
		if (opcode != TEXT || !MESSAGE.equals(new String(payload, StandardCharsets.UTF_8))) {
			throw new IOException("Unexpected frame " + opcode + ": " + Arrays.toString(payload));
		}
	}

	/**
	 * Start the closing handshake with {@code 1000}, read the server's close frame, then
	 * wait for the server to end the TCP connection, as RFC 6455 has it.
	 * @throws IOException if the closing handshake does not complete
	 */
	void closeNormally() throws IOException {
		this.out.write(CLOSE_FRAME);
		this.out.flush();
		int opcode;
		do {
			opcode = this.in.readUnsignedByte() & 0x0F;
			readPayload();
		}
		while (opcode != CLOSE);
		try {
			while (this.in.read() != -1) {
				// the server closes the connection once the closing handshake is done
			}
		}
		catch (IOException ex) {
			// a reset after the closing handshake is an end too
		}
		this.socket.close();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private byte[] readPayload() throws IOException {
		int length = this.in.readUnsignedByte() & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			throw new IOException("Frame too long for an echo of '" + MESSAGE + "'");
		}
		byte[] payload = new byte[length];
		this.in.readFully(payload);
		return payload;
	}

	private String readResponseHead() throws IOException {
		StringBuilder head = new StringBuilder();
		int matched = 0;
		while (matched < 4) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("Connection closed during the handshake: " + head);
			}
			head.append((char) b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString();
	}

	/**
	 * A masked, final frame, as a client sends it.
	 */
	private static byte[] frame(int opcode, byte[] payload) {
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) (0x80 | opcode);
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(MASK, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ MASK[i % 4]);
		}
		return frame;
	}

}
