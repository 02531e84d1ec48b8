package dev.metricsadapter.rules.files;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action on SIGHUP, the Unix convention for "reload your configuration". Uses the JDK's
 * {@code sun.misc.Signal} (module jdk.unsupported) reflectively, as javac forbids naming it under
 * {@code -Werror}; where it is unavailable (e.g. Windows), installing logs and does nothing.
 */
public final class HangupSignal {

  private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

  private HangupSignal() {}

  /** Runs {@code action} on every SIGHUP; returns whether the handler could be installed. */
  public static boolean onHangup(Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
      InvocationHandler invocation =
          (proxy, method, args) ->
              switch (method.getName()) {
                case "handle" -> {
                  action.run();
                  yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "SIGHUP reload handler";
              };
      Object handler =
          Proxy.newProxyInstance(
              HangupSignal.class.getClassLoader(), new Class<?>[] {handlerClass}, invocation);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("SIGHUP reloads are not available on this platform: {}", e.toString());
      return false;
    }
  }
}
