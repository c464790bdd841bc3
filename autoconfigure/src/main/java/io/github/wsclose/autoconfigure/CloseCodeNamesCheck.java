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

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Checks the {@code wsclose.codes} entries before any bean is created, so that a bad one
 * stops the application with the failure analysis of
 * {@link InvalidCloseCodeNamesFailureAnalyzer} and nothing else in front of it.
 *
 * <p>
 * Checked later, while the {@code wsclose} properties bean is bound, the failure would
 * come inside the creation of whichever bean first needed it: Spring Boot's one-line
 * {@code WARN} "Exception encountered during context initialization" would then start
 * with "Error creating bean with name 'webSocketHandlerMapping'", and the web server
 * would already be up. Checked here, that line names the property, {@code wsclose.codes}.
 */
final class CloseCodeNamesCheck implements BeanFactoryPostProcessor {

	private final Environment environment;

	CloseCodeNamesCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Binder.get(this.environment)
			.bind(CloseCodeNamesBindHandler.CODES, Bindable.mapOf(Integer.class, String.class),
					new CloseCodeNamesBindHandler());
	}

}
