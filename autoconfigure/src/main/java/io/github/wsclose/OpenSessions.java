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

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The sessions a {@link CloseReporter} tracks, from their open until their close is
 * reported: lists threaded through the {@link TrackedSession}s themselves.
 *
 * <p>
 * A concurrent set would keep an entry per session for as long as it is open; here a
 * session costs its two links. The sessions are spread by id over a fixed number of
 * lists, each guarded by its own lock, so that sessions opening and closing on different
 * threads seldom wait for each other; adding and removing a session take constant time.
 *
 * @since 0.1.0
 */
final class OpenSessions {

	/**
	 * How many lists the sessions are spread over, a power of two.
	 */
	private static final int STRIPES = 16;

	private final Stripe[] stripes = new Stripe[STRIPES];

	OpenSessions() {
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new Stripe();
		}
	}

	/**
	 * Add a session that has just opened.
	 * @param session the session, in no list yet
	 */
	void add(TrackedSession session) {
		stripe(session).add(session);
	}

	/**
	 * Remove a session, if it is in the lists.
	 * @param session the session
	 */
	void remove(TrackedSession session) {
		stripe(session).remove(session);
	}

	/**
	 * Return the sessions in the lists now.
	 * @return a copy of the sessions
	 */
	List<TrackedSession> snapshot() {
		List<TrackedSession> sessions = new ArrayList<>();
		for (Stripe stripe : this.stripes) {
			stripe.addTo(sessions);
		}
		return sessions;
	}

	/**
	 * Return how many sessions the lists hold now.
	 * @return the number of sessions
	 */
	int size() {
		int size = 0;
		for (Stripe stripe : this.stripes) {
			size += stripe.size();
		}
		return size;
	}

	private Stripe stripe(TrackedSession session) {
		int hash = session.getId().hashCode();
		return this.stripes[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
	}

	/**
	 * One list of sessions, linked through {@link TrackedSession#previousOpen} and
	 * {@link TrackedSession#nextOpen}, which only its lock guards.
	 */
	private static final class Stripe {

		private @Nullable TrackedSession head;

		private int size;

		synchronized void add(TrackedSession session) {
			TrackedSession head = this.head;
			session.previousOpen = null;
			session.nextOpen = head;
			if (head != null) {
				head.previousOpen = session;
			}
			this.head = session;
			this.size++;
		}

		synchronized void remove(TrackedSession session) {
			TrackedSession previous = session.previousOpen;
			TrackedSession next = session.nextOpen;
			if (previous == null && this.head != session) {
				return;
			}
			if (previous != null) {
				previous.nextOpen = next;
			}
			else {
				this.head = next;
			}
			if (next != null) {
				next.previousOpen = previous;
			}
			session.previousOpen = null;
			session.nextOpen = null;
			this.size--;
		}

		synchronized void addTo(List<TrackedSession> sessions) {
			for (TrackedSession session = this.head; session != null; session = session.nextOpen) {
				sessions.add(session);
			}
		}

		synchronized int size() {
			return this.size;
		}

	}

}
