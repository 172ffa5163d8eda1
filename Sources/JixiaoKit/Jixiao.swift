/// Facts about this build of jixiao.
public enum Jixiao {
  /// The tool's version, written into every output.
  public static let version = "0.1.0"
}
