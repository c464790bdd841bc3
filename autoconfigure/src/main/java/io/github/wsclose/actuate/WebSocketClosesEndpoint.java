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

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} that answers "why did my WebSocket disconnect?": for every
 * WebSocket endpoint of the application, how many sessions closed with which code and how
 * many uncleanly, and the most recent unclean closes with their reason and transport
 * error.
 *
 * @since 0.1.0
 */
@Endpoint(id = WebSocketClosesEndpoint.ID)
public class WebSocketClosesEndpoint {

	/**
	 * The endpoint's id.
	 */
	public static final String ID = "websocketcloses";

	private final CloseReportRecorder recorder;

	/**
	 * Create the endpoint.
	 * @param recorder the recorder whose report the endpoint returns
	 */
	public WebSocketClosesEndpoint(CloseReportRecorder recorder) {
		this.recorder = recorder;
	}

	/**
	 * Return the close report.
	 * @return the report as it is now
	 */
	@ReadOperation
	public CloseReport closes() {
		return this.recorder.report();
	}

}
