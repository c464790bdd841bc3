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

package io.github.wsclose.support;

import java.util.Collection;

import io.github.wsclose.CloseReporter;
import io.github.wsclose.HandshakeReporter;
import org.jspecify.annotations.Nullable;

/**
 * Tells the reporters the endpoint patterns an application maps, once at startup, so that
 * the meters of every endpoint exist before its first session or handshake: the same for
 * the servlet and the reactive adapters, which each find their patterns their own way.
 *
 * @since 0.1.0
 */
public final class MappedEndpoints {

	private MappedEndpoints() {
	}

	/**
	 * Tell the reporters the mapped endpoints.
	 * @param endpoints the mapped path patterns
	 * @param reporter the close reporter
	 * @param handshakes the handshake reporter, or {@code null} when handshakes are not
	 * reported
	 */
	public static void announce(Collection<String> endpoints, CloseReporter reporter,
			@Nullable HandshakeReporter handshakes) {
		endpoints.forEach(reporter::endpointMapped);
		if (handshakes != null) {
			endpoints.forEach(handshakes::endpointMapped);
		}
	}

}
