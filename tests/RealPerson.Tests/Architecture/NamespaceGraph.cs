using System.Reflection;
using System.Reflection.Emit;

namespace RealPerson.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which: for every type (nested and compiler-made ones count
/// as their outer type's namespace), the namespaces of its base type, interfaces, fields,
/// properties, events, method signatures, attributes, and every type, method and field its IL names.
/// Only edges between the engine's own namespaces (<see cref="RootNamespace"/> and below) are kept.
/// </summary>
public sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The engine's root namespace: Model/ and Errors/.</summary>
    public const string RootNamespace = "RealPerson";

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private readonly Assembly assembly;

    private NamespaceGraph(Assembly assembly)
    {
        this.assembly = assembly;
    }

    /// <summary>From namespace to the namespaces it uses, each with one example of why.</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public static NamespaceGraph Of(Assembly assembly)
    {
        var graph = new NamespaceGraph(assembly);
        foreach (var type in assembly.GetTypes())
        {
            graph.Read(type);
        }

        return graph;
    }

    /// <summary>Every pair of namespaces that use each other, directly or through others (each cycle's members, as one strongly connected set).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles(Func<string, string, bool> ignoredEdge)
    {
        var nodes = Edges.Keys.Concat(Edges.Values.SelectMany(v => v.Keys)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        IEnumerable<string> Next(string from) =>
            Edges.TryGetValue(from, out var to) ? to.Keys.Where(t => !ignoredEdge(from, t)) : Enumerable.Empty<string>();

        // Tarjan's strongly connected components; every component of more than one namespace is a cycle.
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var found = new List<IReadOnlyList<string>>();
        var counter = 0;

        void Visit(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in Next(node))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    found.Add(component);
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return found;
    }

    /// <summary>The edges within one set of namespaces, as "A -> B (why)" lines.</summary>
    public IEnumerable<string> Describe(IReadOnlyCollection<string> within, Func<string, string, bool> ignoredEdge) =>
        from user in within
        where Edges.ContainsKey(user)
        from edge in Edges[user]
        where within.Contains(edge.Key) && !ignoredEdge(user, edge.Key)
        orderby user, edge.Key
        select $"{user} -> {edge.Key} ({edge.Value})";

    private void Read(Type type)
    {
        var from = type.Namespace ?? string.Empty;
        var who = type.FullName ?? type.Name;
        Use(from, type.BaseType, who + " base type");
        foreach (var face in type.GetInterfaces())
        {
            Use(from, face, who + " implements");
        }

        foreach (var attribute in type.CustomAttributes)
        {
            Use(from, attribute.AttributeType, who + " attribute");
        }

        foreach (var field in type.GetFields(Declared))
        {
            Use(from, field.FieldType, $"{who}.{field.Name}");
        }

        foreach (var property in type.GetProperties(Declared))
        {
            Use(from, property.PropertyType, $"{who}.{property.Name}");
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var where = $"{who}.{method.Name}";
            if (method is MethodInfo info)
            {
                Use(from, info.ReturnType, where);
            }

            foreach (var parameter in method.GetParameters())
            {
                Use(from, parameter.ParameterType, where);
            }

            ReadBody(from, method, where);
        }
    }

    private void ReadBody(string from, MethodBase method, string where)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            OpCode code;
            if (il[at] == 0xFE)
            {
                code = OpCodesByValue[unchecked((short)(0xFE00 | il[at + 1]))];
                at += 2;
            }
            else
            {
                code = OpCodesByValue[il[at]];
                at += 1;
            }

            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    UseMember(from, method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments), where);
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    at += 8;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private void UseMember(string from, MemberInfo? member, string where)
    {
        switch (member)
        {
            case Type type:
                Use(from, type, where);
                break;
            case MethodBase method:
                Use(from, method.DeclaringType, where);
                if (method is MethodInfo { IsGenericMethod: true } generic)
                {
                    foreach (var argument in generic.GetGenericArguments())
                    {
                        Use(from, argument, where);
                    }
                }

                break;
            case FieldInfo field:
                Use(from, field.DeclaringType, where);
                break;
        }
    }

    private static bool IsOwn(string ns) => ns == RootNamespace || ns.StartsWith(RootNamespace + ".", StringComparison.Ordinal);

    private void Use(string from, Type? type, string where)
    {
        if (type is null)
        {
            return;
        }

        if (type.HasElementType)
        {
            Use(from, type.GetElementType(), where);
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Use(from, argument, where);
            }

            type = type.GetGenericTypeDefinition();
        }

        if (type.IsGenericParameter || type.Assembly != assembly)
        {
            return;
        }

        // Compiler-made types (no namespace) and polyfills of System's are not the engine's rooms.
        var to = type.Namespace ?? string.Empty;
        if (to == from || !IsOwn(from) || !IsOwn(to))
        {
            return;
        }

        if (!Edges.TryGetValue(from, out var targets))
        {
            Edges[from] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        targets.TryAdd(to, $"{where} uses {type.FullName}");
    }
}
