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

import io.github.wsclose.LogSafe;
import io.github.wsclose.WebSocketSessionClosedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;

/**
 * The application's own listener that logs every close at {@code DEBUG}, escaping the
 * peer's reason with {@link LogSafe#quote}, as docs/events-and-meters.md advises.
 */
final class CloseLogger implements ApplicationListener<WebSocketSessionClosedEvent> {

	private static final Log logger = LogFactory.getLog(CloseLogger.class);

	@Override
	public void onApplicationEvent(WebSocketSessionClosedEvent event) {
		if (logger.isDebugEnabled()) {
			logger.debug("Session on " + event.getEndpoint() + " closed with " + event.getCode() + " reason "
					+ LogSafe.quote(event.getReason()));
		}
	}

}
