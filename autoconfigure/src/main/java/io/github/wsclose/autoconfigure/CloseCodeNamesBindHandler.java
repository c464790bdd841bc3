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

import java.util.ArrayList;
import java.util.List;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.autoconfigure.InvalidCloseCodeNamesException.InvalidName;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Checks every {@code wsclose.codes.<code>=<name>} entry as it is bound, and fails the
 * binding with an {@link InvalidCloseCodeNamesException} that lists every bad entry with
 * the {@link ConfigurationProperty} it came from, so that the failure analysis can name
 * the property and its origin (file and line, command line, environment variable).
 *
 * <p>
 * The check runs while binding, not when the {@link CloseCodeCatalog} bean is created: a
 * failure there would surface as a bean-creation stack trace that blames whichever bean
 * first needed the catalog, and the origin of the entry would be lost. The catalog keeps
 * its own checks for programmatic use.
 *
 * @see CloseCodeNamesCheck
 * @see InvalidCloseCodeNamesFailureAnalyzer
 */
final class CloseCodeNamesBindHandler extends AbstractBindHandler {

	static final ConfigurationPropertyName CODES = ConfigurationPropertyName.of("wsclose.codes");

	private final List<InvalidName> invalidNames = new ArrayList<>();

	@Override
	public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
			Object result) {
		ConfigurationProperty property = context.getConfigurationProperty();
		if (property != null && CODES.isParentOf(name)) {
			check(name, property, result);
		}
		return super.onSuccess(name, target, context, result);
	}

	@Override
	public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
			@Nullable Object result) throws Exception {
		if (context.getDepth() == 0 && !this.invalidNames.isEmpty()) {
			List<InvalidName> invalid = List.copyOf(this.invalidNames);
			this.invalidNames.clear();
			throw new InvalidCloseCodeNamesException(invalid);
		}
		super.onFinish(name, target, context, result);
	}

	private void check(ConfigurationPropertyName name, ConfigurationProperty property, Object value) {
		Integer code = code(name);
		if (code == null) {
			return; // not a number: Boot fails the binding of the key itself
		}
		String text = value.toString().trim();
		if (!CloseCodeCatalog.isNameable(code)) {
			this.invalidNames.add(new InvalidName(property, code,
					"Close code " + code
							+ " cannot be named: only codes 3000-4999 (registered and private) take application names",
					null));
		}
		else if (text.isEmpty()) {
			this.invalidNames.add(new InvalidName(property, code,
					"The name is empty: a close code name is lower snake_case, " + CloseCodeCatalog.NAME_PATTERN,
					null));
		}
		else if (!CloseCodeCatalog.isValidName(text)) {
			this.invalidNames
				.add(new InvalidName(property, code,
						"The name is not lower snake_case, " + CloseCodeCatalog.NAME_PATTERN
								+ ": it is the 'status' tag of the code's meters",
						CloseCodeCatalog.snakeCaseName(text)));
		}
	}

	private static @Nullable Integer code(ConfigurationPropertyName name) {
		try {
			return Integer.valueOf(name.getLastElement(ConfigurationPropertyName.Form.UNIFORM));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
