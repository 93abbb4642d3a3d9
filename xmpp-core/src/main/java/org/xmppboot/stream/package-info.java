/**
 * The XML stream machinery: {@link org.xmppboot.stream.XMLStream}, its transports, the event queue, the scheduler
 * and the threads that run them.
 *
 * <h2>Which thread runs what</h2>
 * Each connection has a read thread and a send thread; the stream has one event thread, which carries on across
 * reconnects; the scheduler is shared; the handler executor is Spring Boot's {@code applicationTaskExecutor} or
 * the stream's own (virtual threads on Java 21+ when asked).
 *
 * <table>
 *   <caption>Callbacks, the thread that runs them, and what they may block on</caption>
 *   <tr><th>callback</th><th>runs on</th><th>may block on</th></tr>
 *   <tr><td>stream handler ({@code registerHandler}); Spring {@code @StanzaHandler}</td><td>event thread</td>
 *       <td>nothing: never wait on an iq future there (it fails fast); use {@code thenAccept} or a threaded
 *       handler</td></tr>
 *   <tr><td>in-stream handler ({@code StreamHandler.inStream()}), stream features</td><td>read thread, while
 *       matching</td><td>nothing but a transport upgrade (the TLS handshake, bounded by a timeout)</td></tr>
 *   <tr><td>event handler ({@code addEventHandler}); Spring {@code @XmppEvent}</td><td>event thread</td>
 *       <td>nothing</td></tr>
 *   <tr><td>threaded event handler ({@code threaded = true}); threaded {@code @StanzaHandler}</td><td>handler
 *       executor, one at a time per sender JID</td><td>anything: it is user code off the stream threads</td></tr>
 *   <tr><td>direct event ({@code event(name, data, true)})</td><td>the thread that raises it</td><td>what that
 *       thread may block on (often the read thread: nothing)</td></tr>
 *   <tr><td>inbound filter ({@code addFilter(Direction.IN, ..)})</td><td>read thread, after the session is
 *       established</td><td>nothing</td></tr>
 *   <tr><td>outbound filter ({@code addFilter(Direction.OUT, ..)})</td><td>the thread that calls
 *       {@code send} (the read thread for a client's initial presence)</td><td>nothing it does not own</td></tr>
 *   <tr><td>scheduled event ({@code schedule})</td><td>fired by the scheduler, run on the event thread</td>
 *       <td>nothing</td></tr>
 *   <tr><td>iq response callbacks ({@code sendIq(..).thenAccept(..)}), {@code waitFor}</td><td>event thread
 *       </td><td>nothing</td></tr>
 * </table>
 *
 * Before the session is established (and after TLS and authentication, for a client) nothing received reaches
 * filters or handlers other than in-stream ones, whatever its namespace: {@code XMLStream.isSessionOpen()} and
 * {@code isNegotiation(..)} are the one gate, used by client and component alike.
 */
@NullMarked
package org.xmppboot.stream;

import org.jspecify.annotations.NullMarked;
