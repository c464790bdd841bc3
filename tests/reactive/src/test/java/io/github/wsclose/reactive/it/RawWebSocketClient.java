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


package io.github.wsclose.reactive.it;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client on a plain socket, for what real clients will not do: close frames
 * with no code or with codes no API accepts, and connections dropped with no close frame.
 */
final class RawWebSocketClient implements Closeable {

	static final int TEXT = 0x1;

	static final int CLOSE = 0x8;

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private RawWebSocketClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Open a connection and complete the opening handshake.
	 */
	static RawWebSocketClient connect(int port, String path) throws IOException {
		Socket socket = new Socket("localhost", port);
		socket.setSoTimeout(10_000);
		RawWebSocketClient client = new RawWebSocketClient(socket);
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
				+ "\r\nSec-WebSocket-Version: 13\r\n\r\n";
		client.out.write(request.getBytes(StandardCharsets.US_ASCII));
		client.out.flush();
		assertThat(client.readResponseHead()).startsWith("HTTP/1.1 101");
		return client;
	}

	private String readResponseHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = this.in.read();
			if (b < 0) {
				throw new IOException("Connection closed during the handshake: " + head);
			}
			head.write(b);
			matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	void sendText(String text) throws IOException {
		sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send a close frame with any code, even one that may not appear on the wire.
	 */
	void sendClose(int code, String reason) throws IOException {
		byte[] text = reason.getBytes(StandardCharsets.UTF_8);
		byte[] payload = new byte[2 + text.length];
		payload[0] = (byte) (code >> 8);
		payload[1] = (byte) code;
		System.arraycopy(text, 0, payload, 2, text.length);
		sendFrame(CLOSE, payload);
	}

	/**
	 * Send a close frame with no payload: no code and no reason.
	 */
	void sendEmptyClose() throws IOException {
		sendFrame(CLOSE, new byte[0]);
	}

	private void sendFrame(int opcode, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x80 | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length);
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		this.out.write(frame.toByteArray());
		this.out.flush();
	}

	/**
	 * Read the next frame the server sent.
	 */
	Frame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return new Frame(first & 0x0F, payload);
	}

	/**
	 * Read frames until a close frame arrives.
	 */
	Frame readUntilClose() throws IOException {
		Frame frame = readFrame();
		while (frame.opcode() != CLOSE) {
			frame = readFrame();
		}
		return frame;
	}

	/**
	 * Drop the TCP connection with no close frame: the way a crashed client or a cut
	 * network ends a session.
	 */
	void drop() throws IOException {
		this.socket.close();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * A frame from the server.
	 * @param opcode the frame's opcode
	 * @param payload the (unmasked) payload
	 */
	record Frame(int opcode, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/**
		 * The close code, or -1 when the close frame has none.
		 */
		int closeCode() {
			return (this.payload.length < 2) ? -1 : ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

	}

}
