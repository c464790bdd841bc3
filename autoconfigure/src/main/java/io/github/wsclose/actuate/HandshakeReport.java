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

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The handshake part of the {@code websocketcloses} report: for every endpoint, how many
 * handshakes ended with which outcome, and the most recent rejected handshakes, newest
 * first. It answers "why can't my clients connect?".
 *
 * @param endpoints the handshakes of each endpoint, by mapped path pattern
 * ({@code unknown} when not known), in alphabetical order
 * @param recentRejected the most recent rejected handshakes of every endpoint, newest
 * first; at most {@value HandshakeReportRecorder#DEFAULT_RECENT_REJECTED_SIZE} of them by
 * default
 * @since 0.1.0
 */
public record HandshakeReport(Map<String, EndpointHandshakes> endpoints, List<RejectedHandshake> recentRejected) {

	/**
	 * Return a report with no handshake in it.
	 * @return an empty report
	 */
	public static HandshakeReport empty() {
		return new HandshakeReport(Map.of(), List.of());
	}

	/**
	 * The handshakes of one endpoint.
	 *
	 * @param handshakes how many handshakes were made
	 * @param rejected how many of them did not become a session
	 * @param outcomes the handshakes by outcome tag value ({@code accepted},
	 * {@code origin_rejected}, {@code interceptor_rejected}, {@code bad_request},
	 * {@code failed}), every outcome present
	 */
	public record EndpointHandshakes(long handshakes, long rejected, Map<String, Long> outcomes) {

	}

	/**
	 * One rejected handshake.
	 *
	 * @param time when the handshake was answered
	 * @param endpoint the mapped path pattern, or {@code unknown}
	 * @param outcome the outcome's tag value, for example {@code origin_rejected}
	 * @param status the HTTP status answered, for example 403
	 * @param origin the request's {@code Origin} header, escaped and cut; {@code null}
	 * when the request had none
	 * @param uri the request's URI, escaped and cut; {@code null} when not known
	 * @param error what the handshake threw, as {@code class name: message} cut to 256
	 * characters; {@code null} when none
	 */
	public record RejectedHandshake(Instant time, String endpoint, String outcome, int status, @Nullable String origin,
			@Nullable String uri, @Nullable String error) {

	}

}
