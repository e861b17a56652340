// Chapter 7 program: placeholder, written next.
int main() {
    return 0;
}
