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

import java.util.Set;

import io.github.wsclose.actuate.CloseReport.UncleanClose;
import io.github.wsclose.actuate.HandshakeReport.RejectedHandshake;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that answers "why did my WebSocket disconnect?": for every
 * WebSocket endpoint of the application, how many sessions closed with which code and how
 * many uncleanly, and the most recent unclean closes with their reason and transport
 * error.
 *
 * <p>
 * Reasons, session ids and transport error messages come from peers, so they are shown
 * only as {@code management.endpoint.websocketcloses.show-values} allows (Spring Boot's
 * {@link Show}, {@code never} by default, as for the {@code env} endpoint) and read
 * {@value #MASK} otherwise. Counts, codes and endpoints are always shown.
 *
 * @since 0.1.0
 */
@Endpoint(id = WebSocketClosesEndpoint.ID)
public class WebSocketClosesEndpoint {

	/**
	 * The endpoint's id.
	 */
	public static final String ID = "websocketcloses";

	/**
	 * What a value that is not shown reads, as on Spring Boot's own endpoints.
	 */
	public static final String MASK = "******";

	private final CloseReportRecorder recorder;

	private final @Nullable HandshakeReportRecorder handshakes;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * Create an endpoint that never shows the values peers and sessions supply.
	 * @param recorder the recorder whose report the endpoint returns
	 */
	public WebSocketClosesEndpoint(CloseReportRecorder recorder) {
		this(recorder, Show.NEVER, Set.of());
	}

	/**
	 * Create an endpoint.
	 * @param recorder the recorder whose report the endpoint returns
	 * @param showValues when to show the values peers and sessions supply (reasons,
	 * session ids, transport errors)
	 * @param roles the roles {@link Show#WHEN_AUTHORIZED} requires; any authenticated
	 * user when empty
	 */
	public WebSocketClosesEndpoint(CloseReportRecorder recorder, Show showValues, Set<String> roles) {
		this(recorder, null, showValues, roles);
	}

	/**
	 * Create an endpoint that also reports handshakes.
	 * @param recorder the recorder whose report the endpoint returns
	 * @param handshakes the recorder of handshakes, or {@code null} to report none
	 * @param showValues when to show the values peers and sessions supply (reasons,
	 * session ids, transport errors, origins and handshake URIs)
	 * @param roles the roles {@link Show#WHEN_AUTHORIZED} requires; any authenticated
	 * user when empty
	 */
	public WebSocketClosesEndpoint(CloseReportRecorder recorder, @Nullable HandshakeReportRecorder handshakes,
			Show showValues, Set<String> roles) {
		this.recorder = recorder;
		this.handshakes = handshakes;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Return the close report, with the values peers and sessions supply masked unless
	 * {@code show-values} allows them for this request.
	 * @param securityContext the caller's security context
	 * @return the report as it is now
	 */
	@ReadOperation
	public CloseReport closes(SecurityContext securityContext) {
		CloseReport report = this.recorder.report();
		if (this.handshakes != null) {
			report = report.withHandshakes(this.handshakes.report());
		}
		return this.showValues.isShown(securityContext, this.roles) ? report : masked(report);
	}

	private static CloseReport masked(CloseReport report) {
		return new CloseReport(report.endpoints(), report.recentUnclean()
			.stream()
			.map((close) -> new UncleanClose(close.time(), close.endpoint(), MASK, close.code(), close.name(),
					close.status(), mask(close.reason()), mask(close.transportError()), close.initiator(),
					close.duration(), close.cause(), close.idleTime(), close.messagesReceived(), close.messagesSent()))
			.toList(), masked(report.handshakes()));
	}

	private static HandshakeReport masked(HandshakeReport handshakes) {
		return new HandshakeReport(handshakes.endpoints(),
				handshakes.recentRejected()
					.stream()
					.map((rejected) -> new RejectedHandshake(rejected.time(), rejected.endpoint(), rejected.outcome(),
							rejected.status(), mask(rejected.origin()), mask(rejected.uri()), mask(rejected.error())))
					.toList());
	}

	private static @Nullable String mask(@Nullable String value) {
		return (value != null) ? MASK : null;
	}

}
