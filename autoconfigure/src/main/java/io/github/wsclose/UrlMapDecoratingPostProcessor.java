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

import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;

/**
 * Base class of the post-processors that decorate the WebSocket handlers of a URL-based
 * handler mapping, whatever its stack: it rewrites the mapping's URL map after the
 * mapping is instantiated and before it is initialized, so the mapping registers the
 * rewritten handlers as its own and no user bean is replaced.
 *
 * @since 0.1.0
 */
public abstract class UrlMapDecoratingPostProcessor implements InstantiationAwareBeanPostProcessor {

	private static final Log logger = LogFactory.getLog(UrlMapDecoratingPostProcessor.class);

	private final Supplier<CloseReporter> reporter;

	/**
	 * Create a post-processor.
	 * @param reporter supplies the reporter, looked up only when a handler is decorated
	 */
	protected UrlMapDecoratingPostProcessor(Supplier<CloseReporter> reporter) {
		this.reporter = reporter;
	}

	@Override
	public final boolean postProcessAfterInstantiation(Object bean, String beanName) {
		Map<String, Object> urlMap = urlMap(bean);
		if (urlMap != null) {
			urlMap.replaceAll((pattern, handler) -> {
				Object decorated = decorate(pattern, handler);
				if (decorated != handler && logger.isDebugEnabled()) {
					logger.debug("Reporting WebSocket closes for '" + pattern + "' of " + beanName);
				}
				return decorated;
			});
		}
		return true;
	}

	/**
	 * Return the modifiable URL map of the bean if it is a handler mapping this
	 * post-processor decorates.
	 * @param bean the bean just instantiated
	 * @return its URL map, or {@code null} to leave the bean alone
	 */
	protected abstract @Nullable Map<String, Object> urlMap(Object bean);

	/**
	 * Return the handler to map under the pattern instead of the given one.
	 * @param pattern the path pattern the handler is mapped to
	 * @param handler the handler in the URL map
	 * @return the decorated handler, or the same handler to leave it alone
	 */
	protected abstract Object decorate(String pattern, Object handler);

	/**
	 * Return the reporter the decorators report to.
	 * @return the reporter
	 */
	protected final CloseReporter reporter() {
		return this.reporter.get();
	}

}
