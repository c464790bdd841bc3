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

package io.github.wsclose.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written against the socket, for what real clients refuse to do: send
 * any close payload, or drop the TCP connection with no close frame.
 */
final class RawWebSocketClient implements AutoCloseable {

	private static final SecureRandom random = new SecureRandom();

	private final Socket socket;

	private final OutputStream out;

	private RawWebSocketClient(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
	}

	/**
	 * Open a connection and complete the opening handshake.
	 */
	static RawWebSocketClient connect(int port, String path) throws IOException {
		Socket socket = new Socket("localhost", port);
		socket.setSoTimeout(10_000);
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		String status = readHeaders(socket.getInputStream());
		if (!status.startsWith("HTTP/1.1 101")) {
			socket.close();
			throw new IOException("Handshake refused: " + status);
		}
		return new RawWebSocketClient(socket);
	}

	private static String readHeaders(InputStream in) throws IOException {
		StringBuilder headers = new StringBuilder();
		while (!headers.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("Connection closed during handshake: " + headers);
			}
			headers.append((char) b);
		}
		return headers.toString();
	}

	/**
	 * Send a masked text frame.
	 */
	void sendText(String text) throws IOException {
		sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send a masked close frame with any payload, valid or not.
	 */
	void sendClose(byte[] payload) throws IOException {
		sendFrame(0x8, payload);
	}

	/**
	 * Send a masked close frame with a code and a UTF-8 reason.
	 */
	void sendClose(int code, String reason) throws IOException {
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		byte[] payload = new byte[2 + text.length];
		payload[0] = (byte) (code >> 8);
		payload[1] = (byte) code;
		System.arraycopy(text, 0, payload, 2, text.length);
		sendClose(payload);
	}

	private void sendFrame(int opcode, byte[] payload) throws IOException {
		byte[] mask = new byte[4];
		random.nextBytes(mask);
		int length = payload.length;
		byte[] header;
		if (length < 126) {
			header = new byte[] { (byte) (0x80 | opcode), (byte) (0x80 | length) };
		}
		else {
			header = new byte[] { (byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (length >> 8), (byte) length };
		}
		byte[] masked = new byte[length];
		for (int i = 0; i < length; i++) {
			masked[i] = (byte) (payload[i] ^ mask[i % 4]);
		}
		this.out.write(header);
		this.out.write(mask);
		this.out.write(masked);
		this.out.flush();
	}

	/**
	 * Drop the TCP connection at once, with a reset and no close frame.
	 */
	void drop() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
