package io.github.go4j.internal;

import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;

/**
 * The MBean {@value #NAME}: attribute {@code NumGoroutine} ({@code Go.numGoroutine()}) and operation
 * {@code dump()} ({@code Go.dump()}). A {@link DynamicMBean}, not an MXBean interface: JMX would have to
 * reflect on an interface of this unexported package, which a named module does not allow.
 */
final class GoroutinesMBean implements DynamicMBean {

    static final String NAME = "io.github.go4j:type=Goroutines";

    private static final MBeanInfo INFO = new MBeanInfo(GoroutinesMBean.class.getName(),
            "go4j's goroutines: their number and a dump in Go's format",
            new MBeanAttributeInfo[] {
                new MBeanAttributeInfo("NumGoroutine", "int",
                        "Live goroutines plus the main goroutine, as Go.numGoroutine()", true, false, false)
            },
            null,
            new MBeanOperationInfo[] {
                new MBeanOperationInfo("dump", "Every live goroutine in Go's format, as Go.dump()",
                        new MBeanParameterInfo[0], "java.lang.String", MBeanOperationInfo.INFO)
            },
            null);

    private GoroutinesMBean() {}

    /** Registers the MBean on the platform MBean server; true when it is (or already was) there. */
    static boolean register() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(new GoroutinesMBean(), new ObjectName(NAME));
            return true;
        } catch (InstanceAlreadyExistsException e) {
            return true;
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        if ("NumGoroutine".equals(attribute)) {
            return G.liveCount() + 1;
        }
        throw new AttributeNotFoundException(attribute);
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String a : attributes) {
            if ("NumGoroutine".equals(a)) {
                list.add(new Attribute(a, G.liveCount() + 1));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        if ("dump".equals(actionName) && (params == null || params.length == 0)) {
            return Dump.all();
        }
        throw new ReflectionException(new NoSuchMethodException(actionName),
                "no operation " + actionName + " with " + (params == null ? 0 : params.length) + " arguments");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return INFO;
    }
}
