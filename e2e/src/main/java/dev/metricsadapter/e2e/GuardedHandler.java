package dev.metricsadapter.e2e;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * An informer's event handler: the object of an add or an update goes to {@code seen}, that of a
 * delete to {@code gone}. What they throw is logged as an error with {@code failure}, never thrown
 * into the informer.
 *
 * @param log where a failure goes
 * @param failure the message of a failure (the exception follows it)
 * @param seen takes an added or updated object
 * @param gone takes a deleted object
 * @param <T> the kind of object the informer watches
 */
record GuardedHandler<T>(Logger log, String failure, Consumer<T> seen, Consumer<T> gone)
    implements ResourceEventHandler<T> {

  @Override
  public void onAdd(T object) {
    guarded(seen, object);
  }

  @Override
  public void onUpdate(T oldObject, T newObject) {
    guarded(seen, newObject);
  }

  @Override
  public void onDelete(T object, boolean deletedFinalStateUnknown) {
    guarded(gone, object);
  }

  private void guarded(Consumer<T> action, T object) {
    try {
      action.accept(object);
    } catch (RuntimeException e) {
      log.error(failure, e);
    }
  }
}
