/**
 * Stream management (XEP-0198, {@code urn:xmpp:sm:3}) for clients: acks both ways, and resumption of a session
 * after a lost connection without losing or repeating stanzas.
 *
 * <ul>
 *   <li>{@link org.xmppboot.sm.StreamManagement}: one client's stream management session, across its connections:
 *       enabling, resuming, what a lost session left unacknowledged; what observers read ({@code unackedCount()},
 *       {@code resentTotal()}).</li>
 *   <li>{@code AckTracker}: the counts both ways on the current connection and the unacknowledged stanzas
 *       ({@code AckQueue}); the stream's inbound and outbound tracker, answering {@code <r/>} on the read thread and
 *       asking for acks ({@code AckRequests}).</li>
 *   <li>{@link org.xmppboot.sm.ManagedClient}: what it needs of the client.</li>
 *   <li>{@link org.xmppboot.sm.ResumeFeature} (after SASL, before bind) and {@link org.xmppboot.sm.EnableFeature}
 *       (after the rest of the set-up): the two stream features that negotiate it, both over the one state.</li>
 *   <li>{@link org.xmppboot.sm.StreamManagementConfig}: on by default; ack cadence, resumption time preference,
 *       and the bound on unacknowledged stanzas.</li>
 * </ul>
 *
 * <p>{@code ClientXMPP} installs all of it when {@code ClientConfig.streamManagement()} is enabled, and raises
 * {@code session_resumed} instead of {@code session_start} when a session was resumed. Components (XEP-0114)
 * negotiate no stream features and have no stream management.
 */
@NullMarked
package org.xmppboot.sm;

import org.jspecify.annotations.NullMarked;
