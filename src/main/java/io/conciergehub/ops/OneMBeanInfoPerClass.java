package io.conciergehub.ops;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.modelmbean.InvalidTargetObjectTypeException;
import javax.management.modelmbean.ModelMBean;
import javax.management.modelmbean.ModelMBeanInfo;
import javax.management.modelmbean.RequiredModelMBean;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedInstance;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.api.management.NotificationSenderAware;
import org.apache.camel.spi.ManagementMBeanAssembler;
import org.apache.camel.support.management.MBeanInfoAssembler;
import org.apache.camel.support.management.MixinRequiredModelMBean;
import org.apache.camel.support.management.NotificationSenderAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.ObjectHelper;

/**
 * Describes Camel's MBeans (what JMX and Jolokia list of an MBean's attributes and operations)
 * once per managed class, not once per MBean. Camel's own assembler builds every description
 * afresh: some forty attribute and operation infos, each with a descriptor of its own, for each
 * of the hub's three thousand MBeans (most of them the processors of its 163 routes). Measured,
 * that was half of the idle heap (40 of 80 MB live) and about a fifth of the CPU a start takes.
 *
 * <p>A description depends only on the classes: their {@code @ManagedResource},
 * {@code @ManagedAttribute} and {@code @ManagedOperation} annotations. Each MBean still gets its
 * own {@link RequiredModelMBean} bound to its own object, so every value read is that object's;
 * the MBean copies the description's arrays and shares the infos in them, which nothing changes
 * afterwards (Camel sets no {@code currencyTimeLimit}, so no value is cached in a descriptor, and
 * each writable attribute has a setter).
 *
 * <p>The MBean is put together as Camel's assembler does: an object managing an instance that is
 * itself {@code @ManagedResource} (a circuit breaker's processor) gets both descriptions, the
 * instance's operations answered by the instance and the standard ones by the managing object.
 */
public final class OneMBeanInfoPerClass extends ServiceSupport implements ManagementMBeanAssembler {

    private final CamelContext context;
    private final MBeanInfoAssembler assembler;
    private final Map<List<Class<?>>, ModelMBeanInfo> descriptions = new ConcurrentHashMap<>();

    private OneMBeanInfoPerClass(CamelContext context) {
        this.context = context;
        this.assembler = new MBeanInfoAssembler(context);
    }

    /** Installed before the routes are added: their MBeans are made as they are. */
    public static void install(CamelContext context) {
        context.getCamelContextExtension().setManagementMBeanAssembler(new OneMBeanInfoPerClass(context));
    }

    @Override
    public ModelMBean assemble(MBeanServer server, Object managed, ObjectName name) throws JMException {
        Object instance = managed instanceof ManagedInstance wrapper ? wrapper.getInstance() : null;
        if (instance != null && !ObjectHelper.hasAnnotation(instance.getClass().getAnnotations(), ManagedResource.class)) {
            instance = null;
        }
        ModelMBeanInfo description = describe(managed, instance, name);
        if (description == null) {
            return null; // a proxy class: Camel's assembler does not describe those either
        }
        ModelMBeanInfo standard = null;
        RequiredModelMBean standardPart = null;
        Object target = managed;
        if (instance != null) {
            standard = describe(managed, null, name);
            standardPart = new RequiredModelMBean(standard);
            bind(standardPart, managed);
            target = instance;
        }
        Boolean mask = context.getManagementStrategy().getManagementAgent().getMask();
        RequiredModelMBean mbean = new MixinRequiredModelMBean(description, Boolean.TRUE.equals(mask), standard, standardPart);
        bind(mbean, target);
        if (target instanceof NotificationSenderAware sender) {
            sender.setNotificationSender(new NotificationSenderAdapter(mbean));
        }
        return mbean;
    }

    private ModelMBeanInfo describe(Object managed, Object instance, ObjectName name) throws JMException {
        List<Class<?>> classes = Arrays.asList(managed.getClass(), instance == null ? null : instance.getClass());
        ModelMBeanInfo known = descriptions.get(classes);
        if (known != null) {
            return known;
        }
        ModelMBeanInfo made = assembler.getMBeanInfo(context, managed, instance, name.toString());
        if (made != null) {
            descriptions.putIfAbsent(classes, made);
        }
        return made;
    }

    private static void bind(RequiredModelMBean mbean, Object target) throws JMException {
        try {
            mbean.setManagedResource(target, "ObjectReference");
        } catch (InvalidTargetObjectTypeException e) {
            throw new JMException(e.getMessage());
        }
    }

    @Override
    protected void doStart() {
        ServiceHelper.startService(assembler);
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(assembler);
        descriptions.clear();
    }
}
