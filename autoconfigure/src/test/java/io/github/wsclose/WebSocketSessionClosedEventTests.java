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

package io.github.wsclose;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketSessionClosedEvent}.
 */
class WebSocketSessionClosedEventTests {

	private static final Principal ALICE = () -> "alice";

	private final IOException transportError = new IOException("connection reset");

	private final SessionClose close = new SessionClose("s1", 4001, "token expired",
			CloseCodeCatalog.of(Map.of(4001, "unauthorized")).classify(4001), false, Initiator.SERVER, "/ws/{room}",
			URI.create("ws://localhost/ws/42"), ALICE, Instant.parse("2026-03-01T10:15:30Z"), Duration.ofSeconds(90),
			this.transportError);

	private final WebSocketSessionClosedEvent event = new WebSocketSessionClosedEvent(this.close);

	@Test
	void sourceAndCloseAreTheSessionClose() {
		assertThat(this.event.getSource()).isSameAs(this.close);
		assertThat(this.event.getClose()).isSameAs(this.close);
	}

	@Test
	void everyAccessorReturnsTheSessionClosesValue() {
		assertThat(this.event.getSessionId()).isEqualTo("s1");
		assertThat(this.event.getCode()).isEqualTo(4001);
		assertThat(this.event.getReason()).isEqualTo("token expired");
		assertThat(this.event.getCloseCode()).isSameAs(this.close.closeCode());
		assertThat(this.event.getCloseCode().tagValue()).isEqualTo("unauthorized");
		assertThat(this.event.isClean()).isFalse();
		assertThat(this.event.getInitiator()).isEqualTo(Initiator.SERVER);
		assertThat(this.event.getEndpoint()).isEqualTo("/ws/{room}");
		assertThat(this.event.getUri()).isEqualTo(URI.create("ws://localhost/ws/42"));
		assertThat(this.event.getPrincipal()).isSameAs(ALICE);
		assertThat(this.event.getOpenedAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
		assertThat(this.event.getDuration()).isEqualTo(Duration.ofSeconds(90));
		assertThat(this.event.getTransportError()).isSameAs(this.transportError);
	}

	@Test
	void nullableAccessorsReturnNullWhenTheCloseHasNoValue() {
		SessionClose bare = new SessionClose("s2", 1006, null, CloseCode.ABNORMAL_CLOSURE, false, Initiator.UNKNOWN,
				null, null, null, Instant.EPOCH, Duration.ZERO, null);
		WebSocketSessionClosedEvent event = new WebSocketSessionClosedEvent(bare);
		assertThat(event.getReason()).isNull();
		assertThat(event.getEndpoint()).isNull();
		assertThat(event.getUri()).isNull();
		assertThat(event.getPrincipal()).isNull();
		assertThat(event.getTransportError()).isNull();
		assertThat(event.getCode()).isEqualTo(1006);
		assertThat(event.isClean()).isFalse();
		assertThat(event.getInitiator()).isEqualTo(Initiator.UNKNOWN);
	}

	@Test
	void toStringIsTheLogSafeDescriptionOfTheClose() {
		assertThat(this.event).hasToString("WebSocketSessionClosedEvent[" + this.close + "]");
		assertThat(this.event.toString()).doesNotContain("alice").doesNotContain("ws://localhost/ws/42");
	}

}
