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

package io.github.wsclose.autoconfigure;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.autoconfigure.InvalidCloseCodeNamesException.InvalidName;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns an {@link InvalidCloseCodeNamesException} into Spring Boot's
 * {@code APPLICATION FAILED TO START} block: for every bad {@code wsclose.codes} entry
 * the property, its value, where it came from and what is wrong, and an action that gives
 * the lower snake_case name to use.
 *
 * <p>
 * It comes before Spring Boot's own analyzers: Boot's {@code BindFailureAnalyzer} would
 * otherwise describe the enclosing {@code BindException}, with the property last bound
 * rather than every bad one, and no suggested name.
 */
class InvalidCloseCodeNamesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCloseCodeNamesException>
		implements Ordered {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, InvalidCloseCodeNamesException cause) {
		StringBuilder description = new StringBuilder(
				"Invalid WebSocket close code names in 'wsclose.codes':%n".formatted());
		StringBuilder action = new StringBuilder("Update your application's configuration:%n".formatted());
		for (InvalidName invalid : cause.getInvalidNames()) {
			String name = invalid.property().getName().toString();
			description.append("%n    Property: %s".formatted(name));
			description.append("%n    Value: \"%s\"".formatted(invalid.property().getValue()));
			description.append("%n    Origin: %s".formatted(invalid.property().getOrigin()));
			description.append("%n    Reason: %s%n".formatted(invalid.problem()));
			action.append("%n    %s".formatted(action(name, invalid)));
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

	private static String action(String name, InvalidName invalid) {
		if (!CloseCodeCatalog.isNameable(invalid.code())) {
			return "remove " + name + ", or name a code from 3000 to 4999";
		}
		if (invalid.suggestion() != null) {
			return "use " + name + "=" + invalid.suggestion();
		}
		return "give " + name + " a lower snake_case name, such as " + name + "=unauthorized, or remove it";
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
