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

package io.github.wsclose.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.wsclose.CloseCode;
import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.SessionClose;
import io.github.wsclose.WebSocketSessionClosedEvent;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloseEventPublisher}.
 */
class CloseEventPublisherTests {

	@Test
	void sessionClosedPublishesOneEventCarryingTheClose() {
		List<Object> published = new ArrayList<>();
		ApplicationEventPublisher applicationEventPublisher = published::add;
		SessionClose close = new SessionClose("s1", 1000, null, CloseCode.NORMAL_CLOSURE, true, Initiator.CLIENT,
				"/chat", null, null, Instant.EPOCH, Duration.ofSeconds(1), null);
		new CloseEventPublisher(applicationEventPublisher).sessionClosed(close);
		assertThat(published).singleElement()
			.isInstanceOfSatisfying(WebSocketSessionClosedEvent.class,
					(event) -> assertThat(event.getClose()).isSameAs(close));
	}

	@Test
	void sessionOpenedPublishesNothing() {
		List<Object> published = new ArrayList<>();
		CloseEventPublisher publisher = new CloseEventPublisher(published::add);
		CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(publisher));
		reporter.opened("s1", "/chat", null, null);
		assertThat(published).isEmpty();
	}

}
