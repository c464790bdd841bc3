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

package io.github.wsclose.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client written against a plain socket, for what real clients refuse to do:
 * close frames with any payload (empty, one byte, any 16-bit code, reasons too long or
 * not UTF-8), frames in any order (a close after a fragment, data after a close), a
 * handshake abandoned half-way, and connections that end with no close frame or that stop
 * reading.
 *
 * <p>
 * Every frame it sends is masked, as RFC 6455 requires of a client; nothing it sends is
 * validated. Reads time out after ten seconds unless told otherwise. One client is used
 * by one thread at a time.
 *
 * @since 0.1.0
 */
public final class RawWebSocketClient implements Closeable {

	/** Opcode of a continuation frame. */
	public static final int CONTINUATION = 0x0;

	/** Opcode of a text frame. */
	public static final int TEXT = 0x1;

	/** Opcode of a binary frame. */
	public static final int BINARY = 0x2;

	/** Opcode of a close frame. */
	public static final int CLOSE = 0x8;

	/** Opcode of a ping frame. */
	public static final int PING = 0x9;

	/** Opcode of a pong frame. */
	public static final int PONG = 0xA;

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final String HOST = "127.0.0.1";

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final String handshakeResponse;

	private RawWebSocketClient(Socket socket, DataInputStream in, String handshakeResponse) throws IOException {
		this.socket = socket;
		this.in = in;
		this.out = socket.getOutputStream();
		this.handshakeResponse = handshakeResponse;
	}

	/**
	 * Open a connection to a server on {@code 127.0.0.1} and complete the opening
	 * handshake.
	 * @param port the server's port
	 * @param path the path and query to open the WebSocket on
	 * @return the connected client
	 * @throws IOException if the connection fails or the server does not switch protocols
	 */
	public static RawWebSocketClient connect(int port, String path) throws IOException {
		return connect(port, path, 0);
	}

	/**
	 * Open a connection with a small receive buffer and complete the opening handshake: a
	 * client that then stops reading makes the server's writes back up quickly.
	 * @param port the server's port
	 * @param path the path and query to open the WebSocket on
	 * @param receiveBufferSize the socket's receive buffer in bytes, or 0 for the system
	 * default
	 * @return the connected client
	 * @throws IOException if the connection fails or the server does not switch protocols
	 */
	public static RawWebSocketClient connect(int port, String path, int receiveBufferSize) throws IOException {
		Socket socket = new Socket();
		try {
			if (receiveBufferSize > 0) {
				socket.setReceiveBufferSize(receiveBufferSize);
			}
			socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
			socket.connect(new InetSocketAddress(HOST, port), (int) DEFAULT_TIMEOUT.toMillis());
			String key = newKey();
			OutputStream out = socket.getOutputStream();
			out.write(handshakeRequest(port, path, key));
			out.flush();
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
			String response = readResponseHead(in);
			if (!response.startsWith("HTTP/1.1 101")) {
				throw new IOException("Handshake refused: " + response.lines().findFirst().orElse(response));
			}
			String accept = expectedAccept(key);
			if (response.lines().noneMatch((line) -> line.equalsIgnoreCase("Sec-WebSocket-Accept: " + accept))) {
				throw new IOException("Handshake answered without Sec-WebSocket-Accept " + accept + ": " + response);
			}
			return new RawWebSocketClient(socket, in, response);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Open a connection, send part or all of an opening handshake, and reset the
	 * connection without reading the server's answer.
	 * @param port the server's port
	 * @param path the path and query of the upgrade request
	 * @param stage how much of the request to send
	 * @throws IOException if the connection cannot be opened
	 */
	public static void abandonHandshake(int port, String path, HandshakeStage stage) throws IOException {
		byte[] request = handshakeRequest(port, path, newKey());
		int length = (stage == HandshakeStage.REQUEST_SENT) ? request.length : request.length / 2;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), (int) DEFAULT_TIMEOUT.toMillis());
			socket.getOutputStream().write(request, 0, length);
			socket.getOutputStream().flush();
			socket.setSoLinger(true, 0);
		}
	}

	private static String newKey() {
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		return Base64.getEncoder().encodeToString(nonce);
	}

	private static byte[] handshakeRequest(int port, String path, String key) {
		return ("GET " + path + " HTTP/1.1\r\nHost: " + HOST + ":" + port + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static String expectedAccept(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readResponseHead(DataInputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		byte[] end = { '\r', '\n', '\r', '\n' };
		byte[] last = new byte[4];
		while (!Arrays.equals(last, end)) {
			int b = in.read();
			if (b < 0) {
				throw new EOFException("Connection closed during the handshake: " + head);
			}
			head.write(b);
			System.arraycopy(last, 1, last, 0, 3);
			last[3] = (byte) b;
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

	/**
	 * Return the head of the server's handshake response.
	 * @return the status line and headers
	 */
	public String getHandshakeResponse() {
		return this.handshakeResponse;
	}

	/**
	 * Set how long a read waits before it fails with a
	 * {@link java.net.SocketTimeoutException}.
	 * @param timeout the read timeout
	 * @throws SocketException if the socket refuses it
	 */
	public void setReadTimeout(Duration timeout) throws SocketException {
		this.socket.setSoTimeout((int) timeout.toMillis());
	}

	/**
	 * Send a text message in one frame.
	 * @param text the text
	 * @throws IOException if the write fails
	 */
	public void sendText(String text) throws IOException {
		sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send a close frame with a code and a UTF-8 reason, whatever the code and however
	 * long the reason.
	 * @param code any 16-bit code, valid or not
	 * @param reason the reason
	 * @throws IOException if the write fails
	 */
	public void sendClose(int code, String reason) throws IOException {
		sendClose(code, reason.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Send a close frame with a code and a reason given as raw bytes, which need not be
	 * UTF-8.
	 * @param code any 16-bit code, valid or not
	 * @param reason the bytes of the reason
	 * @throws IOException if the write fails
	 */
	public void sendClose(int code, byte[] reason) throws IOException {
		byte[] payload = new byte[2 + reason.length];
		payload[0] = (byte) (code >> 8);
		payload[1] = (byte) code;
		System.arraycopy(reason, 0, payload, 2, reason.length);
		sendClose(payload);
	}

	/**
	 * Send a close frame with any payload: empty, one byte, or a payload longer than a
	 * control frame may carry.
	 * @param payload the payload
	 * @throws IOException if the write fails
	 */
	public void sendClose(byte[] payload) throws IOException {
		sendFrame(true, CLOSE, payload);
	}

	/**
	 * Send a close frame with no payload: no code and no reason.
	 * @throws IOException if the write fails
	 */
	public void sendEmptyClose() throws IOException {
		sendClose(new byte[0]);
	}

	/**
	 * Send one masked frame, unvalidated.
	 * @param fin whether this is the final fragment of a message
	 * @param opcode the frame's opcode, such as {@link #TEXT} or {@link #CONTINUATION}
	 * @param payload the payload, sent masked
	 * @throws IOException if the write fails
	 */
	public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
		byte[] frame = frame(fin, opcode, payload);
		this.out.write(frame);
		this.out.flush();
	}

	/**
	 * Send the beginning of a frame only: its header, which announces the whole payload,
	 * and the first bytes of the payload. What follows on the connection is taken for the
	 * rest of the payload.
	 * @param opcode the frame's opcode
	 * @param payload the payload the header announces
	 * @param payloadBytes how many bytes of the payload to send
	 * @throws IOException if the write fails
	 */
	public void sendTruncatedFrame(int opcode, byte[] payload, int payloadBytes) throws IOException {
		byte[] frame = frame(true, opcode, payload);
		this.out.write(frame, 0, frame.length - payload.length + payloadBytes);
		this.out.flush();
	}

	private static byte[] frame(boolean fin, int opcode, byte[] payload) {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((fin ? 0x80 : 0) | (opcode & 0x0F));
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length <= 0xFFFF) {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) ((long) payload.length >> shift));
			}
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask, 0, 4);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		return frame.toByteArray();
	}

	/**
	 * Read the next frame the server sent.
	 * @return the frame
	 * @throws EOFException if the connection ended first
	 * @throws IOException if the read fails or times out
	 */
	public Frame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		int second = this.in.readUnsignedByte();
		long length = second & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		if ((second & 0x80) != 0) {
			this.in.readInt();
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		this.in.readFully(payload);
		return new Frame((first & 0x80) != 0, first & 0x0F, payload);
	}

	/**
	 * Read frames until a close frame arrives.
	 * @return the close frame
	 * @throws EOFException if the connection ended first
	 * @throws IOException if a read fails or times out
	 */
	public Frame readUntilClose() throws IOException {
		Frame frame = readFrame();
		while (frame.opcode() != CLOSE) {
			frame = readFrame();
		}
		return frame;
	}

	/**
	 * Read frames until a close frame arrives or the connection ends.
	 * @return the close frame, or {@code null} when the connection ended (or was reset)
	 * with none
	 * @throws IOException if a read times out
	 */
	public @Nullable Frame awaitClose() throws IOException {
		try {
			return readUntilClose();
		}
		catch (EOFException ex) {
			return null;
		}
		catch (SocketException ex) {
			if (this.socket.isClosed()) {
				throw ex;
			}
			return null;
		}
	}

	/**
	 * Read until the server ends the connection, discarding what comes, or until a read
	 * times out.
	 * @return whether the server ended the connection
	 * @throws IOException if a read fails
	 */
	public boolean awaitEndOfConnection() throws IOException {
		byte[] buffer = new byte[8192];
		try {
			while (this.in.read(buffer) >= 0) {
				// discard
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			// reset by the server: the connection has ended too
			return true;
		}
	}

	/**
	 * End the TCP connection with no close frame, the way the operating system of a
	 * crashed client ends it (a FIN).
	 * @throws IOException if closing the socket fails
	 */
	public void drop() throws IOException {
		this.socket.close();
	}

	/**
	 * Abort the TCP connection with no close frame and a reset (an RST), the way a
	 * connection dies when a client gives up with data unread.
	 * @throws IOException if closing the socket fails
	 */
	public void reset() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	/**
	 * End the session the way a well-behaved client does: send a close frame, wait for
	 * the server's answer, then close the socket. A server that ends the connection first
	 * is not an error here.
	 * @param code the close code
	 * @param reason the close reason
	 */
	public void closeAndAwaitAnswer(int code, String reason) {
		try {
			sendClose(code, reason);
			awaitClose();
			close();
		}
		catch (IOException ex) {
			// the server may end the connection first
		}
	}

	/**
	 * Close the socket, if it is still open.
	 * @throws IOException if closing the socket fails
	 */
	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * How much of an opening handshake to send before giving up on it.
	 */
	public enum HandshakeStage {

		/**
		 * Part of the request line and headers: the server has not seen a whole request.
		 */
		PARTIAL_REQUEST,

		/**
		 * The whole upgrade request, with the server's answer never read: the server may
		 * or may not have opened a session before the reset arrives.
		 */
		REQUEST_SENT

	}

	/**
	 * A frame from the server.
	 *
	 * @param fin whether this is the final fragment of a message
	 * @param opcode the frame's opcode
	 * @param payload the (unmasked) payload
	 */
	public record Frame(boolean fin, int opcode, byte[] payload) {

		/**
		 * Return the payload as UTF-8 text.
		 * @return the text
		 */
		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/**
		 * Return the code of a close frame.
		 * @return the code, or -1 when the close frame has none
		 */
		public int closeCode() {
			return (this.payload.length < 2) ? -1 : ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
		}

		/**
		 * Return the reason of a close frame, decoded as UTF-8.
		 * @return the reason, empty when there is none
		 */
		public String closeReason() {
			return (this.payload.length <= 2) ? ""
					: new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return (other instanceof Frame frame) && this.fin == frame.fin && this.opcode == frame.opcode
					&& Arrays.equals(this.payload, frame.payload);
		}

		@Override
		public int hashCode() {
			return 31 * (31 * Boolean.hashCode(this.fin) + this.opcode) + Arrays.hashCode(this.payload);
		}

		@Override
		public String toString() {
			return "Frame[fin=" + this.fin + ", opcode=" + this.opcode + ", length=" + this.payload.length + "]";
		}

	}

}
