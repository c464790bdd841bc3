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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each server reported for each case in this run, written to
 * {@code target/close-behaviour.json} for {@link CloseBehaviourDocument} to render.
 */
final class CloseBehaviourResults {

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final Map<String, Result> results = new ConcurrentHashMap<>();

	private CloseBehaviourResults() {
	}

	/**
	 * Return where results are written.
	 * @return the results file
	 */
	static Path file() {
		return Path.of(System.getProperty("wsclose.results.file", "target/close-behaviour.json"));
	}

	/**
	 * Record what a server reported for a case.
	 * @param server the server
	 * @param scenario the case
	 * @param outcome what was reported
	 */
	static void record(ServerUnderTest server, Scenario scenario, Outcome outcome) {
		put(new Result(server.name(), scenario.id(), scenario.order(), scenario.group().name(), scenario.description(),
				outcome.code(), outcome.reason(), outcome.clean(), outcome.initiator().tagValue(),
				outcome.transportError(), outcome.sent(), null));
	}

	/**
	 * Record that a case ends without a report, or does not apply to a server.
	 * @param server the server
	 * @param scenario the case
	 * @param note what happened instead
	 */
	static void note(ServerUnderTest server, Scenario scenario, String note) {
		put(new Result(server.name(), scenario.id(), scenario.order(), scenario.group().name(), scenario.description(),
				null, null, null, null, null, null, note));
	}

	private static void put(Result result) {
		results.put(result.server() + " " + result.caseId(), result);
	}

	/**
	 * Write every result of this run so far to the results file; leave the file as it is
	 * when this run has none (a run of the load test alone).
	 */
	static synchronized void write() {
		if (results.isEmpty()) {
			return;
		}
		try {
			Path file = file();
			Files.createDirectories(file.toAbsolutePath().getParent());
			List<Result> all = results.values()
				.stream()
				.sorted(Comparator.comparing(Result::order).thenComparing(Result::server))
				.toList();
			json.writeValue(file.toFile(), all);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read the results file.
	 * @param file the file
	 * @return the results
	 */
	static List<Result> read(Path file) {
		return json.readValue(file.toFile(), new TypeReference<List<Result>>() {
		});
	}

	/**
	 * A case as the matrix shows it.
	 *
	 * @param id the case's id
	 * @param order where it comes in the matrix
	 * @param group the group it is shown in
	 * @param description what the client (or the server) does
	 */
	record Scenario(String id, int order, CloseCase.Group group, String description) {

		static Scenario of(CloseCase closeCase) {
			return new Scenario(closeCase.id(), closeCase.ordinal(), closeCase.group(), closeCase.description());
		}

	}

	/**
	 * One case on one server.
	 *
	 * @param server the {@link ServerUnderTest} name
	 * @param caseId the case's id
	 * @param order where the case comes in the matrix
	 * @param group the {@link CloseCase.Group} name
	 * @param description what the client (or the server) does
	 * @param code the reported code
	 * @param reason the reported reason
	 * @param clean whether the close was reported clean
	 * @param initiator the reported initiator's tag value
	 * @param transportError the reported transport error's simple class name
	 * @param sent what close frame the client received
	 * @param note what happened instead of a report, or why the case does not apply
	 */
	record Result(String server, String caseId, int order, String group, String description, @Nullable Integer code,
			@Nullable String reason, @Nullable Boolean clean, @Nullable String initiator,
			@Nullable String transportError, @Nullable String sent, @Nullable String note) {

	}

}
