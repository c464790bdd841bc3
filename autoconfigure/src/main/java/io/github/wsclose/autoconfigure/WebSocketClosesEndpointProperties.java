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

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code websocketcloses} Actuator endpoint, named like
 * those of Spring Boot's own endpoints that show values users or peers supply
 * ({@code management.endpoint.env.show-values}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.websocketcloses")
public class WebSocketClosesEndpointProperties {

	/**
	 * When to show the values peers and sessions supply (close reasons, session ids,
	 * transport error messages); hidden values read '******'.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles used to determine whether a user is authorized to be shown those values. When
	 * empty, all authenticated users are authorized.
	 */
	private Set<String> roles = new HashSet<>();

	/**
	 * Return when the values peers and sessions supply are shown.
	 * @return when they are shown
	 */
	public Show getShowValues() {
		return this.showValues;
	}

	/**
	 * Set when the values peers and sessions supply are shown.
	 * @param showValues when they are shown
	 */
	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	/**
	 * Return the roles {@code when-authorized} requires.
	 * @return the roles
	 */
	public Set<String> getRoles() {
		return this.roles;
	}

	/**
	 * Set the roles {@code when-authorized} requires.
	 * @param roles the roles
	 */
	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
