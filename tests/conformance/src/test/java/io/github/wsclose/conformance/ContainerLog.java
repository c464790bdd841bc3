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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Collects what the servers and the application log at {@code WARN} and above, and the
 * exceptions no thread caught, while a suite runs: a close case must leave neither.
 */
final class ContainerLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<String> warnings = new CopyOnWriteArrayList<>();

	private final List<String> problems = new CopyOnWriteArrayList<>();

	private final Thread.UncaughtExceptionHandler previousHandler;

	private volatile String label = "";

	private ContainerLog() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		setContext(context);
		setName("conformance");
		start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
		this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler(
				(thread, ex) -> this.problems.add("[" + this.label + "] uncaught in " + thread.getName() + ": " + ex));
	}

	/**
	 * Start collecting. Call after the application started: Spring Boot resets the
	 * logging system when an application starts.
	 * @return the collector
	 */
	static ContainerLog collect() {
		return new ContainerLog();
	}

	/**
	 * Label the lines collected from now on, to tell which case they came during.
	 * @param label the label, such as a case's id
	 */
	void label(String label) {
		this.label = label;
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
			return;
		}
		IThrowableProxy thrown = event.getThrowableProxy();
		String line = "[" + this.label + "] " + event.getLevel() + " [" + event.getThreadName() + "] "
				+ event.getLoggerName() + ": " + event.getFormattedMessage()
				+ ((thrown != null) ? " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")" : "");
		this.warnings.add(line);
		if (event.getLevel().isGreaterOrEqual(Level.ERROR) || thrown != null) {
			this.problems.add(line);
		}
	}

	/**
	 * Return every {@code ERROR} line, every {@code WARN} line that carries an exception,
	 * and every exception no thread caught, so far, each with the label current when it
	 * came.
	 * @return the problems, one line each
	 */
	List<String> problems() {
		return List.copyOf(this.problems);
	}

	/**
	 * Return every line at {@code WARN} and above, so far.
	 * @return the lines
	 */
	List<String> warnings() {
		return List.copyOf(this.warnings);
	}

	@Override
	public void close() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
		stop();
		Thread.setDefaultUncaughtExceptionHandler(this.previousHandler);
	}

}
