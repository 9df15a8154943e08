namespace AdminServer.Engine.Services;

/// <summary>
/// The application behind a listener. It opens one <see cref="ISession"/> per connection; a
/// stateless service (echo, discard) may hand every connection the same session.
/// </summary>
public interface IService
{
    string Name { get; }

    ISession OpenSession();
}
