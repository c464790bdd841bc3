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

package io.github.wsclose.reactive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.wsclose.CloseCodeCatalog;
import io.github.wsclose.CloseReporter;
import io.github.wsclose.Initiator;
import io.github.wsclose.SessionClose;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SessionCloseWatcherFactory}: the reactive adapter refers to Reactor
 * Netty only when it is on the classpath.
 */
class SessionCloseWatcherFactoryTests {

	@Test
	void reactorNettySessionsAreWatchedThroughTheirChannelWhenReactorNettyIsThere() {
		assertThat(SessionCloseWatcherFactory.forServers(getClass().getClassLoader()))
			.isNotSameAs(SessionCloseWatcherFactory.EARLY);
	}

	@Test
	void otherSessionsHaveTheirCloseStatusSubscribedToAsTheyOpen() {
		CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of());
		CloseReportingWebSocketHandler handler = new CloseReportingWebSocketHandler((session) -> Mono.never(), reporter,
				"/chat");
		StubWebSocketSession session = new StubWebSocketSession();
		SessionCloseWatcher watcher = SessionCloseWatcherFactory.forServers(getClass().getClassLoader())
			.create(handler, session, null);
		assertThat(watcher.getClass()).isEqualTo(SessionCloseWatcher.class);
		Disposable handling = watcher.subscribe();
		assertThat(session.closeStatusSubscribers()).isOne();
		handling.dispose();
	}

	@Test
	void decoratorReportsSessionsWithoutReactorNettyOnTheClasspath() throws Exception {
		try (FilteredClassLoader withoutNetty = new FilteredClassLoader("reactor.netty.", "io.netty.")) {
			ReactiveAdapterClassLoader loader = new ReactiveAdapterClassLoader(withoutNetty);
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("io.netty.channel.ChannelFutureListener"));
			Class<?> handlerType = loader.loadClass(CloseReportingWebSocketHandler.class.getName());
			assertThat(handlerType).isNotSameAs(CloseReportingWebSocketHandler.class);
			CloseReportingWebSocketHandlerTests.RecordingListener listener = new CloseReportingWebSocketHandlerTests.RecordingListener();
			CloseReporter reporter = new CloseReporter(CloseCodeCatalog.defaults(), List.of(listener));
			WebSocketHandler readAll = (session) -> session.receive().then();
			WebSocketHandler handler = (WebSocketHandler) handlerType
				.getConstructor(WebSocketHandler.class, CloseReporter.class, String.class)
				.newInstance(readAll, reporter, "/chat");
			StubWebSocketSession session = new StubWebSocketSession();
			handler.handle(session).subscribe(null, (ex) -> {
			});
			assertThat(session.closeStatusSubscribers()).isOne();
			session.peerCloses(CloseStatus.NORMAL);
			SessionClose close = listener.awaitOnlyClose();
			assertThat(close.code()).isEqualTo(1000);
			assertThat(close.initiator()).isEqualTo(Initiator.CLIENT);
			assertThat(close.endpoint()).isEqualTo("/chat");
		}
	}

	/**
	 * Defines the reactive adapter's classes anew, from the compiled sources, and leaves
	 * every other class to its parent.
	 */
	static final class ReactiveAdapterClassLoader extends ClassLoader {

		private static final String PACKAGE = CloseReportingWebSocketHandler.class.getPackageName() + ".";

		private final Path classes;

		ReactiveAdapterClassLoader(ClassLoader parent) throws URISyntaxException {
			super(parent);
			this.classes = Path
				.of(CloseReportingWebSocketHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			synchronized (getClassLoadingLock(name)) {
				if (name.startsWith(PACKAGE)) {
					Class<?> loaded = findLoadedClass(name);
					Path file = this.classes.resolve(name.replace('.', '/') + ".class");
					if (loaded == null && Files.isRegularFile(file)) {
						byte[] bytes = read(file);
						loaded = defineClass(name, bytes, 0, bytes.length);
					}
					if (loaded != null) {
						return loaded;
					}
				}
				return super.loadClass(name, resolve);
			}
		}

		private static byte[] read(Path file) {
			try {
				return Files.readAllBytes(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
