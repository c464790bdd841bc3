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

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.util.context.Context;

/**
 * A subscriber that passes every signal on, downstream and upstream, for subclasses that
 * tell a {@link SessionCloseWatcher} about the signals that matter to it. It is its
 * downstream's subscription.
 *
 * @param <T> the type of the elements
 * @since 0.1.0
 */
abstract class WatchingSubscriber<T> implements CoreSubscriber<T>, Subscription {

	private final CoreSubscriber<? super T> actual;

	private final SessionCloseWatcher watcher;

	private @Nullable Subscription upstream;

	WatchingSubscriber(CoreSubscriber<? super T> actual, SessionCloseWatcher watcher) {
		this.actual = actual;
		this.watcher = watcher;
	}

	@Override
	public final void onSubscribe(Subscription subscription) {
		this.upstream = subscription;
		this.actual.onSubscribe(this);
	}

	@Override
	public final void onNext(T value) {
		this.actual.onNext(value);
	}

	@Override
	public final void request(long n) {
		upstream().request(n);
	}

	@Override
	public final Context currentContext() {
		return this.actual.currentContext();
	}

	/**
	 * Return the subscriber downstream.
	 * @return the downstream subscriber
	 */
	protected final CoreSubscriber<? super T> actual() {
		return this.actual;
	}

	/**
	 * Return the watcher of the session.
	 * @return the watcher
	 */
	protected final SessionCloseWatcher watcher() {
		return this.watcher;
	}

	/**
	 * Return the subscription upstream.
	 * @return the subscription
	 * @throws IllegalStateException if not subscribed yet
	 */
	protected final Subscription upstream() {
		Subscription upstream = this.upstream;
		if (upstream == null) {
			throw new IllegalStateException("Not subscribed");
		}
		return upstream;
	}

}
