/**
 * Go's {@code time} package: sleeping, timers, tickers and {@code after}, with Go 1.23 semantics, all on
 * the library clock so that tests can run them on virtual time (go4j-test).
 *
 * <h2>From Go to Java</h2>
 * <table class="striped">
 * <caption>Go's time API and its go4j spelling</caption>
 * <thead><tr><th>Go</th><th>go4j</th><th>Note</th></tr></thead>
 * <tbody>
 * <tr><td>{@code time.Duration}</td><td>{@link java.time.Duration}</td>
 *     <td>clamped to Go's range (a {@code long} of nanoseconds)</td></tr>
 * <tr><td>{@code time.Time}</td><td>{@link java.time.Instant}</td>
 *     <td>no monotonic reading: {@code since}/{@code until} use wall time</td></tr>
 * <tr><td>{@code time.Sleep(d)}</td><td>{@link io.github.go4j.time.Time#sleep Time.sleep(d)}</td>
 *     <td>throws {@code InterruptedException} (TM01)</td></tr>
 * <tr><td>{@code select { case <-time.After(d): case <-ctx.Done(): }}</td>
 *     <td>{@link io.github.go4j.time.Time#sleep(io.github.go4j.context.Context, java.time.Duration)
 *         Time.sleep(ctx, d)}</td>
 *     <td>throws {@code ctx.err()} if the context is done first</td></tr>
 * <tr><td>{@code time.After(d)}</td><td>{@link io.github.go4j.time.Time#after Time.after(d)}</td>
 *     <td>a {@code ReceiveChannel<Instant>} (TM02)</td></tr>
 * <tr><td>{@code time.Tick(d)}</td><td>{@link io.github.go4j.time.Time#tick Time.tick(d)}</td>
 *     <td>{@code null} (nil channel) for {@code d <= 0} (TM10)</td></tr>
 * <tr><td>{@code time.NewTimer(d)}</td><td>{@link io.github.go4j.time.Time#newTimer Time.newTimer(d)}</td>
 *     <td></td></tr>
 * <tr><td>{@code t.C}</td><td>{@link io.github.go4j.time.Timer#c() t.c()}</td>
 *     <td>{@code len() == cap() == 0} (TM03)</td></tr>
 * <tr><td>{@code t.Stop()}, {@code t.Reset(d)}</td>
 *     <td>{@link io.github.go4j.time.Timer#stop() t.stop()}, {@link io.github.go4j.time.Timer#reset t.reset(d)}</td>
 *     <td>same results as Go 1.23; no stale values afterwards (TM04, TM05)</td></tr>
 * <tr><td>{@code time.AfterFunc(d, f)}</td>
 *     <td>{@link io.github.go4j.time.Time#afterFunc Time.afterFunc(d, f)}</td>
 *     <td>{@code f} is a {@link io.github.go4j.Go.Task}; {@code c()} is null (TM07)</td></tr>
 * <tr><td>{@code time.NewTicker(d)}</td><td>{@link io.github.go4j.time.Time#newTicker Time.newTicker(d)}</td>
 *     <td>panic becomes {@code IllegalArgumentException} with Go's message (TM08)</td></tr>
 * <tr><td>{@code tk.C}, {@code tk.Stop()}, {@code tk.Reset(d)}</td>
 *     <td>{@link io.github.go4j.time.Ticker#c() tk.c()}, {@link io.github.go4j.time.Ticker#stop() tk.stop()},
 *         {@link io.github.go4j.time.Ticker#reset tk.reset(d)}</td>
 *     <td>at most one pending tick (TM09)</td></tr>
 * <tr><td>{@code time.Now()}, {@code time.Since(t)}, {@code time.Until(t)}</td>
 *     <td>{@link io.github.go4j.time.Time#now Time.now()}, {@link io.github.go4j.time.Time#since Time.since(t)},
 *         {@link io.github.go4j.time.Time#until Time.until(t)}</td>
 *     <td>virtual time inside a bubble</td></tr>
 * <tr><td>zero {@code Timer}/{@code Ticker} panics (TM06, TM08)</td><td>cannot happen</td>
 *     <td>Java has no zero value: every {@code Timer} and {@code Ticker} comes from a factory</td></tr>
 * <tr><td>{@code GODEBUG=asynctimerchan=1}</td><td>{@code -Dgo4j.asynctimerchan=1}</td>
 *     <td>Go 1.22's buffered channels (TM11)</td></tr>
 * </tbody>
 * </table>
 *
 * <p>Panics become exceptions with Go's message: {@code IllegalArgumentException} for a bad argument,
 * {@code IllegalStateException} for using a bubble's timer from outside any bubble (TH10).
 */
package io.github.go4j.time;
