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

package io.github.wsclose.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.wsclose.CloseCause;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the {@code websocketcloses} endpoint returns: for every endpoint, how many
 * sessions closed with which code and for which cause, how long they had been silent, and
 * how many of them were unclean, and the most recent unclean closes, newest first.
 *
 * @param endpoints the closes of each endpoint, by mapped path pattern ({@code unknown}
 * when not known), in alphabetical order
 * @param recentUnclean the most recent unclean closes of every endpoint, newest first; at
 * most {@code wsclose.report.recent-unclean-size} of them
 * @param handshakes the handshakes of each endpoint and the most recent rejected ones
 * @since 0.1.0
 */
public record CloseReport(Map<String, EndpointCloses> endpoints, List<UncleanClose> recentUnclean,
		HandshakeReport handshakes) implements OperationResponseBody {

	/**
	 * Create a report with no handshakes in it.
	 * @param endpoints the closes of each endpoint
	 * @param recentUnclean the most recent unclean closes, newest first
	 */
	public CloseReport(Map<String, EndpointCloses> endpoints, List<UncleanClose> recentUnclean) {
		this(endpoints, recentUnclean, HandshakeReport.empty());
	}

	/**
	 * Return this report with the given handshakes.
	 * @param handshakes the handshake report
	 * @return a copy of this report with its handshakes replaced
	 */
	public CloseReport withHandshakes(HandshakeReport handshakes) {
		return new CloseReport(this.endpoints, this.recentUnclean, handshakes);
	}

	/**
	 * The closes of one endpoint.
	 *
	 * @param closes how many sessions closed
	 * @param unclean how many of them closed uncleanly
	 * @param uncleanShare {@code unclean / closes}, from 0 to 1; 0 when nothing closed
	 * @param codes the closes by close code, most frequent first
	 * @param causes the closes by cause, most frequent first
	 */
	public record EndpointCloses(long closes, long unclean, double uncleanShare, List<CodeCloses> codes,
			List<CauseCloses> causes) {

		/**
		 * Create the closes of one endpoint, with no counts by cause.
		 * @param closes how many sessions closed
		 * @param unclean how many of them closed uncleanly
		 * @param uncleanShare {@code unclean / closes}
		 * @param codes the closes by close code
		 */
		public EndpointCloses(long closes, long unclean, double uncleanShare, List<CodeCloses> codes) {
			this(closes, unclean, uncleanShare, codes, List.of());
		}

	}

	/**
	 * The closes of one endpoint with one cause.
	 *
	 * @param cause the cause's tag value, for example {@code idle_timeout}
	 * @param count how many sessions closed with this cause
	 * @param medianIdleTime the median of how long the most recent of these sessions (at
	 * most {@value CloseReportRecorder#IDLE_TIMES_KEPT}) had been silent when they
	 * closed: "connection_lost, idle 60 s" points at a proxy's idle timeout
	 */
	public record CauseCloses(String cause, long count, Duration medianIdleTime) {

	}

	/**
	 * The closes of one endpoint with one close code.
	 *
	 * @param code the close code as in the {@code code} tag of the meters: the decimal
	 * code for 1000-1015 and named codes, {@code 3xxx} or {@code 4xxx} for unnamed codes
	 * in those ranges, {@code other} for the rest
	 * @param name the code's human name, for example {@code Normal Closure}
	 * @param status the code's {@code status} tag value, for example
	 * {@code normal_closure}
	 * @param category the code's lower-case category, for example {@code standard}
	 * @param count how many sessions closed with this code
	 * @param unclean how many of them closed uncleanly
	 * @param initiators how many of them each side started, by {@code client},
	 * {@code server} and {@code unknown}
	 */
	public record CodeCloses(String code, String name, String status, String category, long count, long unclean,
			Map<String, Long> initiators) {

	}

	/**
	 * One unclean close.
	 *
	 * @param time when the session closed
	 * @param endpoint the mapped path pattern, or {@code unknown}
	 * @param sessionId the session's id
	 * @param code the close code reported for the session (1006 when the connection ended
	 * with no close frame)
	 * @param name the code's human name
	 * @param status the code's {@code status} tag value
	 * @param reason the close reason, cut to 123 UTF-8 bytes (the most a close frame can
	 * carry); {@code null} when none
	 * @param transportError the transport error seen before the close, as
	 * {@code class name: message} cut to 256 characters; {@code null} when none
	 * @param initiator which side started the close: {@code client}, {@code server} or
	 * {@code unknown}
	 * @param duration how long the session lived
	 * @param cause why the session ended: the cause's tag value
	 * @param idleTime how long the session had been silent when it closed
	 * @param messagesReceived how many messages the session received
	 * @param messagesSent how many messages the session sent
	 */
	public record UncleanClose(Instant time, String endpoint, String sessionId, int code, String name, String status,
			@Nullable String reason, @Nullable String transportError, String initiator, Duration duration, String cause,
			Duration idleTime, long messagesReceived, long messagesSent) {

		/**
		 * Create an unclean close of unknown cause, with no activity.
		 * @param time when the session closed
		 * @param endpoint the mapped path pattern
		 * @param sessionId the session's id
		 * @param code the close code
		 * @param name the code's human name
		 * @param status the code's {@code status} tag value
		 * @param reason the close reason, or {@code null}
		 * @param transportError the transport error, or {@code null}
		 * @param initiator which side started the close
		 * @param duration how long the session lived, and was silent
		 */
		public UncleanClose(Instant time, String endpoint, String sessionId, int code, String name, String status,
				@Nullable String reason, @Nullable String transportError, String initiator, Duration duration) {
			this(time, endpoint, sessionId, code, name, status, reason, transportError, initiator, duration,
					CloseCause.UNKNOWN.tagValue(), duration, 0, 0);
		}

	}

}
